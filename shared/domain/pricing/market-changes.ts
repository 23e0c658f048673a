import type { Market, PricedCategory, RateCard } from './rate-card';

/**
 * Dated changes to Meta's market structure and rates since the bundled card's figures (2025-07-01).
 * A market move (a country changing region, or getting its own row) changes which row prices a
 * number, so it is applied to whichever card is in force, bundled or imported, from its date on.
 * A rate change whose figures the app does not bundle only becomes a caveat ("Meta changed this
 * market's rate on … : import Meta's card") for estimates on or after that date.
 */

export interface MarketMove {
  /** ISO alpha-2. */
  country: string;
  name: string;
  /** A region id or `other`; `own` = its own row on the card from that day. */
  to: string;
}

export interface RateNotice {
  /** Market ids (as on the card) whose rates changed. */
  markets: readonly string[];
  categories: readonly PricedCategory[];
  what: string;
}

export interface PricingChange {
  date: string;
  moves: readonly MarketMove[];
  rates: readonly RateNotice[];
  /** Where it is written, and whether it was read on Meta's own page. */
  source: string;
  verified: boolean;
}

const ALL: readonly PricedCategory[] = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const MKT: readonly PricedCategory[] = ['MARKETING'];
const UA: readonly PricedCategory[] = ['UTILITY', 'AUTHENTICATION'];

// VERIFIED: "Previous updates" of Meta's pricing page (developers.facebook.com/documentation/
// business-messaging/whatsapp/pricing, "Updated: Mar 30, 2026", read in a copy collected
// 2026-05-20). The page names the markets and the direction, not the figures.
const META_PAGE_2026_03_30 =
  'Meta, Pricing on the WhatsApp Business Platform, "Previous updates" (page updated Mar 30, 2026)';

export const PRICING_CHANGES: readonly PricingChange[] = [
  {
    date: '2025-10-01',
    moves: [{ country: 'ZW', name: 'Zimbabwe', to: 'rest_of_africa' }],
    rates: [
      { markets: ['CO'], categories: UA, what: 'higher utility and authentication rates' },
      { markets: ['MX'], categories: MKT, what: 'lower marketing rates' },
      { markets: ['AE'], categories: MKT, what: 'a higher marketing rate' },
      {
        markets: ['AR', 'EG', 'SA'],
        categories: UA,
        what: 'lower utility and authentication rates',
      },
    ],
    source: META_PAGE_2026_03_30,
    verified: true,
  },
  {
    date: '2026-01-01',
    moves: [],
    rates: [
      { markets: ['IN'], categories: MKT, what: 'a higher marketing rate' },
      { markets: ['FR', 'EG'], categories: MKT, what: 'lower marketing rates' },
      {
        markets: ['north_america'],
        categories: UA,
        what: 'lower utility and authentication rates',
      },
    ],
    source: META_PAGE_2026_03_30,
    verified: true,
  },
  {
    date: '2026-04-01',
    moves: [],
    rates: [
      { markets: ['SA'], categories: MKT, what: 'a higher marketing rate' },
      { markets: ['PK'], categories: UA, what: 'higher utility and authentication rates' },
      { markets: ['TR'], categories: UA, what: 'lower utility and authentication rates' },
    ],
    source: META_PAGE_2026_03_30,
    verified: true,
  },
  // From Meta's pages as transcribed by others, not read on Meta's page from here: its Calling
  // pricing page (updated Sep 11, 2026: "Nine markets become standalone …") and its pricing page
  // as cited by an open data set of Meta's changes (announced 2026-06-01). Kazakhstan was not on
  // the Mar 30, 2026 page's country list, so it was priced as "Other" until then. Their own rates
  // are not bundled: each row keeps its former market's prices, marked assumed, until Meta's card
  // of 2026-10-01 is imported.
  {
    date: '2026-10-01',
    moves: [
      { country: 'BD', name: 'Bangladesh', to: 'own' },
      { country: 'IQ', name: 'Iraq', to: 'own' },
      { country: 'KZ', name: 'Kazakhstan', to: 'own' },
      { country: 'KW', name: 'Kuwait', to: 'own' },
      { country: 'MA', name: 'Morocco', to: 'own' },
      { country: 'NP', name: 'Nepal', to: 'own' },
      { country: 'OM', name: 'Oman', to: 'own' },
      { country: 'LK', name: 'Sri Lanka', to: 'own' },
      { country: 'UA', name: 'Ukraine', to: 'own' },
    ],
    // Bangladesh, Iraq, Nepal and Sri Lanka get lower utility and authentication rates than their
    // region, the other five higher (same sources): the caveat of each assumed row says so.
    rates: [],
    source:
      "Meta's Calling pricing page (Sep 11, 2026) and pricing page, as transcribed by third parties (not read on Meta's page here)",
    verified: false,
  },
];

const listed = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * Rule changes reported only by WhatsApp partners (BSP changelogs), not found on Meta's pricing page
 * from here: shown as a caveat, never applied to a figure.
 */
export const REPORTED_RULES: readonly {
  date: string;
  categories: readonly PricedCategory[];
  text: string;
}[] = [
  {
    date: '2026-10-01',
    categories: ['UTILITY'],
    text: 'WhatsApp partners report (not confirmed on Meta’s pricing page here) that from 2026-10-01 utility templates delivered inside an open customer-service window are charged too (and free-form replies beyond 1,000 a month per number): this estimate already counts every delivered template, but the charges Meta reports may differ.',
  },
];

/** Something an estimate from this card should say about its figures. */
export interface CardCaveat {
  text: string;
  /** The market ids it concerns; an estimate shows it only when it prices one of them. */
  markets: readonly string[];
  categories: readonly PricedCategory[];
}

function move(markets: Market[], mv: MarketMove): { markets: Market[]; assumedFrom?: Market } {
  const upper = mv.country.toUpperCase();
  const own = markets.find((m) => m.id === upper && m.countries.includes(upper));
  if (mv.to === 'own' && own) return { markets };
  const former = markets.find((m) => m.countries.includes(upper)) ?? markets.at(-1);
  const without = markets.map((m) =>
    m.countries.includes(upper) ? { ...m, countries: m.countries.filter((c) => c !== upper) } : m,
  );
  if (mv.to === 'own') {
    if (!former) return { markets };
    const row: Market = { id: upper, name: mv.name, countries: [upper], prices: former.prices };
    // Single-country rows first, as on Meta's card and as marketFor's catch-all rule expects.
    const at = without.findIndex((m) => m.id.length !== 2);
    without.splice(at < 0 ? without.length : at, 0, row);
    return { markets: without, assumedFrom: former };
  }
  return {
    markets: without.map((m) =>
      m.id === mv.to && m.countries.length > 0 ? { ...m, countries: [...m.countries, upper] } : m,
    ),
  };
}

/**
 * The card as Meta's market structure stood on `day`: every move dated on or before it applied
 * (a no-op where the card already has it), and a caveat for each rate change dated after the
 * card's own date. Pure; `changes` is a parameter so tests can give their own.
 */
export function cardOnDay(
  card: RateCard,
  day: string,
  changes: readonly PricingChange[] = PRICING_CHANGES,
): { card: RateCard; caveats: CardCaveat[]; structureAsOf: string } {
  let markets = [...card.markets];
  const caveats: CardCaveat[] = [];
  let structureAsOf = card.effectiveDate;
  const due = [...changes]
    .filter((c) => c.date <= day)
    .sort((a, b) => a.date.localeCompare(b.date));
  for (const change of due) {
    const assumed: { mv: MarketMove; from: Market }[] = [];
    for (const mv of change.moves) {
      const r = move(markets, mv);
      if (r.markets !== markets && change.date > structureAsOf) structureAsOf = change.date;
      markets = r.markets;
      if (r.assumedFrom) assumed.push({ mv, from: r.assumedFrom });
    }
    if (assumed.length > 0)
      caveats.push({
        text:
          `From ${change.date} Meta prices ${listed(assumed.map((a) => a.mv.name))} at their own rates, ` +
          `which this card does not have: they are estimated at their former market's prices (${[...new Set(assumed.map((a) => a.from.name))].join(', ')}). Import Meta's current rate card for their figures.`,
        markets: assumed.map((a) => a.mv.country),
        categories: ALL,
      });
    if (change.date <= card.effectiveDate) continue;
    const nameOf = (id: string) => markets.find((m) => m.id === id)?.name ?? id;
    for (const r of change.rates)
      caveats.push({
        text: `On ${change.date} Meta gave ${listed(r.markets.map(nameOf))} ${r.what}; the card dated ${card.effectiveDate} does not have those figures. Import Meta's current rate card.`,
        markets: r.markets,
        categories: r.categories,
      });
  }
  return { card: { ...card, markets }, caveats, structureAsOf };
}

/** A caveat about every market. */
export const ANY_MARKET = '*';

/** The partner-reported rule changes in force on `day`, as caveats. */
export function reportedRuleCaveats(day: string): CardCaveat[] {
  return REPORTED_RULES.filter((r) => r.date <= day).map((r) => ({
    text: r.text,
    markets: [ANY_MARKET],
    categories: r.categories,
  }));
}

/** The caveats that concern an estimate of these markets at this category. */
export function caveatsFor(
  caveats: readonly CardCaveat[],
  marketIds: ReadonlySet<string>,
  category: PricedCategory,
): string[] {
  return caveats
    .filter(
      (c) =>
        c.categories.includes(category) &&
        c.markets.some((m) => m === ANY_MARKET || marketIds.has(m)),
    )
    .map((c) => c.text);
}
