/**
 * Who will receive a campaign's message, and who is left out and why: the vocabulary every screen
 * shares (Message tab, Review & send, the prechecks, the cost, quiet hours, the confirmation and
 * the start all read one computation, electron/core/templates/validation.ts).
 */

/** Why a recipient of the audience will not receive the message, in the order the rules apply. */
export type LeftOutKind =
  | 'skipped'
  | 'filter'
  | 'frequencyCap'
  | 'suppressed'
  | 'declined_marketing'
  | 'us_marketing'
  | 'invalid';

export interface LeftOutGroup {
  kind: LeftOutKind;
  /** In the shop owner's words, to follow a count: "opted out or on your do-not-contact list". */
  reason: string;
  count: number;
  /** What to do about it, or null when nothing should be done (an opt-out is the customer's wish). */
  fix: string | null;
}

/**
 * Meta stopped delivering MARKETING templates to US numbers (+1 and a US area code) on 1 April
 * 2025; such sends are accepted and then fail with 131049. Verified: Meta's announcement as quoted
 * by Twilio (error 63049) and Zoho's help pages (pages corpus, December 2026); Meta's own pricing
 * page was not reachable from here. Assumed: the rule still holds and covers only numbers that
 * libphonenumber places in the US (not Canada or the Caribbean, which share +1).
 */
export const US_MARKETING_REASON = 'WhatsApp does not deliver marketing messages to US numbers';
export const US_MARKETING_SKIP = `Left out: ${US_MARKETING_REASON}.`;

export const isMarketing = (category: string | null | undefined): boolean =>
  (category ?? '').toUpperCase() === 'MARKETING';

export function isUsMarketing(
  category: string | null | undefined,
  country: string | null,
): boolean {
  return country === 'US' && isMarketing(category);
}

/**
 * A marketing template leaves out customers whose book record says they declined marketing; each
 * row's skip reason is that record's own words ("Declined marketing in the Shopify customers
 * export of 2026-12-07 (customers_export.csv)"), which all start with this.
 */
export const DECLINED_MARKETING_PREFIX = 'Declined marketing';

export const LEFT_OUT_TEXT: Record<LeftOutKind, { reason: string; fix: string | null }> = {
  skipped: { reason: 'left out earlier', fix: null },
  filter: { reason: 'not in the audience filter', fix: 'Change the filter in the Audience tab.' },
  frequencyCap: {
    reason: 'got a message from you recently (frequency cap)',
    fix: 'Lower the frequency cap or turn it off in Review & send.',
  },
  suppressed: { reason: 'opted out or on your do-not-contact list', fix: null },
  declined_marketing: {
    reason: 'declined marketing messages (customer book)',
    fix: 'Only a utility template reaches them; a later "yes" in an import or by hand clears it.',
  },
  us_marketing: {
    reason: US_MARKETING_REASON,
    fix: 'Use a utility template for US customers, or reach them another way.',
  },
  invalid: {
    reason: 'their message cannot be built from their row',
    fix: 'See the problems in the Message tab.',
  },
};

/** "1 recipient", "2 recipients". */
export const recipientsText = (n: number): string =>
  `${n.toLocaleString('en')} ${n === 1 ? 'recipient' : 'recipients'}`;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** A reason as a heading or table cell: "Opted out or on your do-not-contact list". */
export const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Who a group is, to follow a count of recipients: "2 recipients who are not in the audience
 * filter", "1 whose message cannot be built from their row". A reason alone does not follow a
 * count ("1 their message cannot…", issue 15's wording), so each kind has its own clause.
 */
const WHO: Record<LeftOutKind, (one: boolean) => string> = {
  skipped: (one) => `who ${one ? 'was' : 'were'} left out earlier`,
  filter: (one) => `who ${one ? 'is' : 'are'} not in the audience filter`,
  frequencyCap: () => 'who got a message from you recently (frequency cap)',
  suppressed: (one) => `who opted out or ${one ? 'is' : 'are'} on your do-not-contact list`,
  declined_marketing: () => 'who declined marketing messages (customer book)',
  us_marketing: (one) =>
    `with ${one ? 'a US number' : 'US numbers'}: WhatsApp does not deliver marketing messages there`,
  invalid: (one) =>
    one
      ? 'whose message cannot be built from their row'
      : 'whose messages cannot be built from their rows',
};

/** "2 recipients who are not in the audience filter"; without the noun: "2 who are not…". */
export function leftOutPart(g: LeftOutGroup, withNoun = true): string {
  const who = WHO[g.kind](g.count === 1);
  return withNoun ? `${recipientsText(g.count)} ${who}` : `${g.count.toLocaleString('en')} ${who}`;
}

/**
 * "8 left out: 7 recipients who are not in the audience filter; 1 who opted out…" (one group:
 * "Left out: 1 recipient whose message…"): one line for the Message tab, the prechecks and the
 * confirmation; with `fixes`, each group says what to do ("… (change the filter in the Audience tab)").
 */
export function leftOutSentence(groups: readonly LeftOutGroup[], fixes = false): string {
  const shown = groups.filter((g) => g.count > 0);
  if (shown.length === 0) return '';
  const total = shown.reduce((a, g) => a + g.count, 0);
  const parts = shown.map((g, i) => {
    const fix = fixes && g.fix ? ` (${lowerFirst(g.fix).replace(/\.$/, '')})` : '';
    return `${leftOutPart(g, i === 0)}${fix}`;
  });
  const head = shown.length === 1 ? 'Left out' : `${total.toLocaleString('en')} left out`;
  return `${head}: ${parts.join('; ')}.`;
}
