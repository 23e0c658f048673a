import { parseAmount } from './amount';
import type { Mapping } from './mapping';
import { renderBodyText } from './render';
import type { ResolvedValue } from './resolve';
import { templateSlots, type Slot } from './slots';
import type { Template } from './types';
import { percentEncodeUrlSuffix, unencodedUrlCharacters } from './url-suffix';
import { buttonsOf, cardButtonsOf, cardsOf } from './components';
import { specialSlotRules, templateWideProblems } from './validate-special';
import { dynamicUrlParts, URL_MAX_CHARS } from './utm';

export type ProblemCode =
  | 'TEMPLATE_NOT_APPROVED'
  | 'EMPTY_PARAMETER'
  | 'MEDIA_MISSING'
  | 'PARAMETER_HAS_NEWLINE'
  | 'PARAMETER_TOO_MANY_SPACES'
  | 'HEADER_PARAMETER_TOO_LONG'
  | 'BODY_TOO_LONG'
  | 'URL_SUFFIX_NOT_ENCODED'
  | 'INVALID_AMOUNT'
  | 'URL_TOO_LONG'
  | 'TEMPLATE_NOT_SENDABLE'
  | 'CARD_MEDIA_NOT_A_LINK'
  | 'OFFER_EXPIRY_INVALID'
  | 'OFFER_EXPIRED'
  | 'COUPON_TOO_LONG';

export interface Problem {
  code: ProblemCode;
  slot?: string;
  message: string;
}

/** Short labels for a summary such as "Empty value: 12 customers". */
export const PROBLEM_LABEL: Record<ProblemCode, string> = {
  TEMPLATE_NOT_APPROVED: 'Template not approved',
  EMPTY_PARAMETER: 'Empty value',
  MEDIA_MISSING: 'Header media missing',
  PARAMETER_HAS_NEWLINE: 'Line break or tab in a value',
  PARAMETER_TOO_MANY_SPACES: 'More than four spaces in a row',
  HEADER_PARAMETER_TOO_LONG: 'Header value too long',
  BODY_TOO_LONG: 'Message too long',
  URL_SUFFIX_NOT_ENCODED: 'Link value not encoded',
  INVALID_AMOUNT: 'Amount not understood',
  URL_TOO_LONG: 'Link too long',
  TEMPLATE_NOT_SENDABLE: 'Template cannot be sent from a campaign',
  CARD_MEDIA_NOT_A_LINK: 'Card image is not a link',
  OFFER_EXPIRY_INVALID: 'Offer expiry not understood',
  OFFER_EXPIRED: 'Offer already ended',
  COUPON_TOO_LONG: 'Code too long',
};

/** Meta's older Messages reference; cloud-api.md §1.3 advises validating conservatively against these. */
export const HEADER_PARAMETER_MAX_CHARS = 60;
export const BODY_MAX_CHARS = 1024;
const MAX_SPACES_IN_A_ROW = 4;
const TOO_MANY_SPACES = new RegExp(` {${MAX_SPACES_IN_A_ROW + 1},}`);
const LINE_BREAK_OR_TAB = /[\n\r\t]/;

const charCount = (s: string): number => Array.from(s).length;

/** `body.1 ("first_name")`: the slot key plus, when known, the column a person recognises. */
function describe(slot: Slot, mapping: Mapping | undefined): string {
  const src = mapping?.[slot.key];
  return src?.kind === 'column' ? `${slot.key} ("${src.column}")` : slot.key;
}

function textRules(slot: Slot, value: string, who: string, problems: Problem[]): void {
  const key = slot.key;
  if (LINE_BREAK_OR_TAB.test(value)) {
    problems.push({
      code: 'PARAMETER_HAS_NEWLINE',
      slot: key,
      message: `${who} contains a line break or a tab, which WhatsApp does not allow in a variable.`,
    });
  }
  if (TOO_MANY_SPACES.test(value)) {
    problems.push({
      code: 'PARAMETER_TOO_MANY_SPACES',
      slot: key,
      message: `${who} contains more than ${MAX_SPACES_IN_A_ROW} spaces in a row, which WhatsApp does not allow.`,
    });
  }
  if (
    slot.component === 'header' &&
    value.length > HEADER_PARAMETER_MAX_CHARS &&
    charCount(value) > HEADER_PARAMETER_MAX_CHARS
  ) {
    problems.push({
      code: 'HEADER_PARAMETER_TOO_LONG',
      slot: key,
      message: `${who} is ${charCount(value)} characters long; a header variable can have at most ${HEADER_PARAMETER_MAX_CHARS}.`,
    });
  }
}

/**
 * Everything that would make Meta refuse this recipient's message (or send something broken), checked
 * before sending. Pass the mapping for friendlier messages and to check amounts.
 */
export function validateRecipient(
  t: Template,
  values: Readonly<Record<string, ResolvedValue>>,
  mapping?: Mapping,
  options: { now?: number } = {},
): Problem[] {
  const problems: Problem[] = [...templateWideProblems(t)];
  const now = options.now ?? Date.now();
  if (t.status !== 'APPROVED') {
    problems.push({
      code: 'TEMPLATE_NOT_APPROVED',
      message: `The template "${t.name}" is ${t.status.toLowerCase()}, not approved: WhatsApp only sends approved templates.`,
    });
  }

  for (const slot of templateSlots(t)) {
    const v = values[slot.key];
    const who = describe(slot, mapping);
    if (specialSlotRules(t, slot, v, who, now, problems)) continue;
    if (slot.kind === 'media' || slot.kind === 'location') {
      if (!v || v.missing) {
        const what =
          slot.kind === 'location' ? 'place' : (slot.mediaFormat ?? 'media').toLowerCase();
        problems.push({
          code: 'MEDIA_MISSING',
          slot: slot.key,
          message: `No ${what} is chosen for the header.`,
        });
      }
      continue;
    }
    if (!v || v.missing || v.value.trim() === '') {
      problems.push({ code: 'EMPTY_PARAMETER', slot: slot.key, message: `${who} is empty.` });
      continue;
    }
    if (slot.kind === 'url_suffix') {
      const bad = unencodedUrlCharacters(v.value);
      if (bad.length > 0) {
        const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ');
        problems.push({
          code: 'URL_SUFFIX_NOT_ENCODED',
          slot: slot.key,
          message: `${who} goes into a link but contains characters a link cannot hold (${shown}); encoded it reads "${percentEncodeUrlSuffix(v.value)}".`,
        });
      }
      const inCard = slot.card === undefined ? undefined : cardsOf(t)[slot.card];
      const button = (inCard ? cardButtonsOf(inCard) : buttonsOf(t))[slot.buttonIndex ?? -1];
      const prefix = button ? (dynamicUrlParts(button)?.prefix ?? '') : '';
      if (prefix.length + v.value.length > URL_MAX_CHARS) {
        problems.push({
          code: 'URL_TOO_LONG',
          slot: slot.key,
          message: `${who} makes the link ${prefix.length + v.value.length} characters long; WhatsApp allows links of at most ${URL_MAX_CHARS}.`,
        });
      }
      continue;
    }
    textRules(slot, v.value, who, problems);
    const src = mapping?.[slot.key];
    if ((src?.kind === 'column' || src?.kind === 'static') && src.as?.type === 'currency') {
      const amount = parseAmount(v.value);
      if (!amount.ok)
        problems.push({
          code: 'INVALID_AMOUNT',
          slot: slot.key,
          message: `${who}: ${amount.error}`,
        });
    }
  }

  const bodyText = renderBodyText(t, values);
  // UTF-16 length bounds the character count from above, so short bodies skip the counting.
  const bodyLength = bodyText.length > BODY_MAX_CHARS ? charCount(bodyText) : bodyText.length;
  if (bodyLength > BODY_MAX_CHARS) {
    problems.push({
      code: 'BODY_TOO_LONG',
      message: `Once filled in, the message text is ${bodyLength} characters long; WhatsApp allows at most ${BODY_MAX_CHARS}.`,
    });
  }
  return problems;
}
