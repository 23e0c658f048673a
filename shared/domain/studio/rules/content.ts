import { draftButtons, draftPart, type TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';

/**
 * Wording rules. Verified against Meta's template guidelines: utility templates must be
 * non-promotional and tied to a transaction or account the user has (Meta re-categorises them as
 * marketing otherwise); templates must not ask for full sensitive identifiers (card, account or
 * national id numbers) and must follow the Commerce Policy (gambling is refused). The word lists
 * themselves are our assumption of what reviewers react to, so they yield warnings, never errors.
 */

const PROMOTIONAL: readonly string[] = [
  'sale',
  'discount',
  'discounts',
  'offer',
  'offers',
  'deal',
  'deals',
  'promo',
  'promotion',
  'coupon',
  'voucher',
  'free',
  'cashback',
  'exclusive',
  'limited time',
  'buy now',
  'shop now',
  'order now',
  'hurry',
  'last chance',
  "don't miss",
  'new arrivals',
  'new collection',
  'special price',
  'best price',
  'black friday',
  'upgrade',
  'recommended for you',
  'check out our',
];
const SENSITIVE: readonly string[] = [
  'card number',
  'credit card',
  'cvv',
  'cvc',
  'pin',
  'password',
  'social security',
  'national id',
  'passport number',
  'bank account number',
  'iban',
];
const GAMBLING: readonly string[] = [
  'raffle',
  'lottery',
  'jackpot',
  'casino',
  'betting',
  'win a prize',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The listed words or phrases the text contains (whole words, any case), in list order. */
export function wordsFound(text: string, words: readonly string[]): string[] {
  return words.filter((w) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escape(w)}($|[^\\p{L}\\p{N}])`, 'iu').test(text),
  );
}

/** Every piece of text the customer reads: header, offer line, body, footer, buttons, cards. */
export function allText(d: TemplateDraft): string {
  const parts: string[] = [];
  for (const c of d.components) {
    if (c.type === 'HEADER' && c.text) parts.push(c.text);
    if (c.type === 'BODY' || c.type === 'FOOTER') parts.push(c.text);
    if (c.type === 'LIMITED_TIME_OFFER') parts.push(c.limited_time_offer.text);
    if (c.type === 'CAROUSEL')
      for (const card of c.cards)
        for (const cc of card.components) if (cc.type === 'BODY') parts.push(cc.text);
  }
  parts.push(...draftButtons(d).map((b) => b.text));
  return parts.join('\n');
}

export function contentRules(d: TemplateDraft): CheckFinding[] {
  const out: CheckFinding[] = [];
  const text = allText(d);
  const body = draftPart(d, 'BODY')?.text ?? '';
  if (/(^|\s|\/\/)(wa\.me|api\.whatsapp\.com)\//i.test(body))
    out.push({
      rule: 'forbidden-content',
      severity: 'error',
      field: 'body',
      message: 'The body links to WhatsApp (wa.me); Meta rejects such links in templates.',
      fix: 'Remove the link, or add a phone button.',
    });
  const sensitive = wordsFound(text, SENSITIVE);
  if (sensitive.length > 0)
    out.push({
      rule: 'forbidden-content',
      severity: 'warning',
      field: 'body',
      message: `The text mentions ${sensitive.map((w) => `"${w}"`).join(', ')}; Meta rejects templates that ask customers for full card, account, id numbers or passwords.`,
      fix: 'Never ask for these in a message; at most ask for the last 4 digits, or link to your secure site.',
    });
  const gambling = wordsFound(text, GAMBLING);
  if (gambling.length > 0)
    out.push({
      rule: 'forbidden-content',
      severity: 'warning',
      field: 'body',
      message: `The text mentions ${gambling.map((w) => `"${w}"`).join(', ')}; WhatsApp's Commerce Policy does not allow gambling or games of chance.`,
      fix: 'Remove the wording about prizes and chance.',
    });
  if (d.category === 'UTILITY') {
    const promo = wordsFound(text, PROMOTIONAL);
    // A percentage ("20% off") is promotional whatever the words around it.
    if (/\d\s*%/.test(text)) promo.push('a percentage');
    if (promo.length > 0)
      out.push({
        rule: 'promotional-utility',
        severity: 'warning',
        field: 'category',
        message: `This utility template reads as promotional (${promo.map((w) => (w.includes(' ') || w === 'a percentage' ? w : `"${w}"`)).join(', ')}); Meta would move it to marketing, which costs more, possibly after approval.`,
        fix: 'Remove the promotional words so it only informs about the order or account, or choose MARKETING now.',
        autofix: { kind: 'set', field: 'category', value: 'MARKETING', label: 'Make it marketing' },
      });
  }
  return out;
}
