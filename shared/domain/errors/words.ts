/**
 * A failure that reached us without a code (Meta's `message_history` carries only a free-text
 * `error_description`, cloud-api.md §13) is read for Meta's own wording of the two failures that
 * must never be retried at once. Verified wording: 131050's title "Unable to deliver the message.
 * This recipient has chosen to stop receiving marketing messages on WhatsApp from your business"
 * and 131049's "…not delivered to maintain healthy ecosystem engagement" (cloud-api.md §2.2, §9).
 * Assumed: that message_history uses the same wording (its texts are not documented). The patterns
 * are loose on purpose (word order and the trailing "on WhatsApp from your business" vary between
 * Meta's pages), yet specific to these two meanings.
 */
const WORDED_CODES: readonly { code: number; words: RegExp }[] = [
  { code: 131050, words: /\b(chosen|chose|opted|decided) to stop receiving marketing messages\b/i },
  {
    code: 131050,
    words: /\bstop(ped)? (receiving )?marketing messages from (this|your) business\b/i,
  },
  { code: 131049, words: /\bhealthy ecosystem engagement\b/i },
];

// Meta's descriptions are short; past this the text is not one of them (and a regex on it is wasted).
const MAX_WORDS = 2000;

/** Meta's code for a code-less failure whose words are Meta's wording of it; undefined otherwise. */
export function codeFromWords(words: string | null | undefined): number | undefined {
  if (!words || words.length > MAX_WORDS) return undefined;
  return WORDED_CODES.find((w) => w.words.test(words))?.code;
}
