import { OPT_OUT_KEYWORDS, POLITE, RESUBSCRIBE_WORDS, type OptOutKeyword } from './keywords';
import { normalizeWords } from './normalize';

/**
 * Is this customer message an opt-out? Meta does not suppress on a typed "STOP" or on a tap of the
 * template's own "Stop promotions" button (cloud-api.md §9): the business must, so every reply
 * that reads as one puts the number on the suppression list.
 *
 * The rules, in order of how sure they are:
 * 1. a quick-reply tap (type "button", or "interactive" with a button_reply) whose text or payload
 *    starts with an opt-out word ("Stop promotions", payload "OPT_OUT", "UNSUBSCRIBE", "StopPromos");
 * 2. a text whose first words are a "lead" keyword ("Stop please", "STOP!!", "unsubscribe me"), also
 *    after a polite word ("Please stop", "por favor, darme de baja");
 * 3. a text that is only an "alone" keyword, give or take "please" / "thanks" ("Cancel", "Baja por
 *    favor").
 * Never a keyword in the middle of a sentence ("don't stop", "bus stop at 5?", "non-stop") or inside
 * a word ("stopwatch"): words are compared whole, from the start.
 *
 * A false positive costs one customer a promotion; a missed opt-out costs the number its quality
 * rating, or a ban, and breaks WhatsApp's Business Messaging Policy. So where a message starts with
 * a lead keyword, the rest of it is not second-guessed.
 */

export interface InboundMessageForOptOut {
  /** Meta's message `type`: text, button, interactive, image, … */
  type: string;
  text: string | null;
  /** A quick-reply tap: `button.{payload,text}` or `interactive.button_reply.{id,title}`. */
  button: { payload: string | null; text: string | null } | null;
}

export type OptOutDetection =
  | {
      optOut: true;
      /** 'button' for a quick-reply tap, 'reply' for a typed message. */
      via: 'reply' | 'button';
      /** The keyword matched, as listed in keywords.ts, and its language. */
      keyword: string;
      language: string;
      /** What the customer sent (the text, or the button's text and payload), at most 500 characters. */
      words: string;
    }
  | {
      optOut: false;
      /** The message reads as "START" / "subscribe": recorded, never acted on (see suppression README). */
      resubscribe: boolean;
    };

interface Compiled {
  keyword: OptOutKeyword;
  words: string[];
}

const compile = (k: OptOutKeyword): Compiled => ({ keyword: k, words: normalizeWords(k.phrase) });
// Longest first, so "stop promotions" is reported rather than "stop", and "no more messages" (lead)
// wins over "no more" (alone).
const KEYWORDS: readonly Compiled[] = OPT_OUT_KEYWORDS.map(compile).sort(
  (a, b) => b.words.length - a.words.length,
);
const POLITE_WORDS: readonly string[][] = POLITE.map((p) => normalizeWords(p)).sort(
  (a, b) => b.length - a.length,
);
const RESUBSCRIBE = new Set(RESUBSCRIBE_WORDS);

/** A message longer than this is a letter, not a keyword: only its first words are looked at. */
const MAX_WORDS_LOOKED_AT = 64;

const startsWith = (words: readonly string[], prefix: readonly string[], at = 0): boolean =>
  prefix.length > 0 && prefix.every((w, i) => words[at + i] === w);

/** True when words[from..] is nothing but polite filler ("please", "thank you", "por favor"). */
function onlyPolite(words: readonly string[], from: number): boolean {
  let i = from;
  // Each step consumes at least one word, so this ends.
  while (i < words.length) {
    const filler = POLITE_WORDS.find((p) => startsWith(words, p, i));
    if (!filler) return false;
    i += filler.length;
  }
  return true;
}

/** The keyword a text opens with, or null. `camelCase` splits payloads such as "StopPromos". */
export function matchOptOutText(
  text: string,
  options: { camelCase?: boolean } = {},
): OptOutKeyword | null {
  const words = normalizeWords(text.slice(0, 4000), options).slice(0, MAX_WORDS_LOOKED_AT);
  const start = politeLead(words);
  if (words.length === start) return null;
  for (const k of KEYWORDS) {
    if (!startsWith(words, k.words, start)) continue;
    if (k.keyword.position === 'lead' || onlyPolite(words, start + k.words.length))
      return k.keyword;
  }
  return null;
}

/** "Please stop", "pls unsubscribe", "por favor baja": a polite word before the keyword still makes it first. */
function politeLead(words: readonly string[]): number {
  let i = 0;
  for (let step = 0; step < 3 && i < words.length; step++) {
    const filler = POLITE_WORDS.find((p) => startsWith(words, p, i));
    if (!filler) break;
    i += filler.length;
  }
  return i;
}

const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 499)}…` : s);

function buttonWords(b: { payload: string | null; text: string | null }): string {
  const parts = [b.text, b.payload && b.payload !== b.text ? `payload ${b.payload}` : null].filter(
    (p): p is string => !!p,
  );
  return clip(parts.join(', '));
}

export function detectOptOut(m: InboundMessageForOptOut): OptOutDetection {
  if (m.button) {
    // A button's text is the business's own template wording, its payload a developer's constant:
    // either naming an opt-out is enough.
    const k =
      (m.button.text ? matchOptOutText(m.button.text) : null) ??
      (m.button.payload ? matchOptOutText(m.button.payload, { camelCase: true }) : null);
    if (k)
      return {
        optOut: true,
        via: 'button',
        keyword: k.phrase,
        language: k.language,
        words: buttonWords(m.button),
      };
    return { optOut: false, resubscribe: false };
  }
  if (m.text === null) return { optOut: false, resubscribe: false };
  const k = matchOptOutText(m.text);
  if (k)
    return {
      optOut: true,
      via: 'reply',
      keyword: k.phrase,
      language: k.language,
      words: clip(m.text.trim()),
    };
  const words = normalizeWords(m.text.slice(0, 200));
  return {
    optOut: false,
    resubscribe: words.length > 0 && words.length <= 3 && RESUBSCRIBE.has(words[0]!),
  };
}
