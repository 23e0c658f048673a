import { REGIONS } from './regions';
import type { VolumeTiers } from './volume-tiers';

/**
 * Rate cards: what Meta charges per DELIVERED template message (per-message pricing since July 1,
 * 2025, cloud-api.md §10), by template category and by the market of the recipient's country
 * calling code. Each card carries the day its prices took effect; an estimate uses the card in force
 * on the send date (cardInForce), with Meta's market moves up to that day applied (cardOnDay in
 * market-changes.ts). The app bundles the figures of one card; Meta changes rates on Jan 1 / Apr 1 /
 * Jul 1 / Oct 1 (VERIFIED: "Pricing calendar" of its pricing page), so the user imports Meta's newer
 * cards (the CSV of its pricing page) and can edit any price. Every number is an estimate, never an
 * invoice.
 */

export const PRICED_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type PricedCategory = (typeof PRICED_CATEGORIES)[number];

export type Prices = Record<PricedCategory, number>;

export interface Market {
  /** Stable key for edits, e.g. `GB`, `north_america`, `other`. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 codes priced at this market's rates; empty for the catch-all row. */
  countries: readonly string[];
  prices: Prices;
}

export interface RateCard {
  /** The day the card's prices took effect at Meta (YYYY-MM-DD). */
  effectiveDate: string;
  /** ISO 4217: Meta publishes its card in several currencies; the bundled one is in USD. */
  currency: string;
  source: string;
  markets: readonly Market[];
  /** Meta's volume tiers for utility and authentication, by market id; none on the bundled card. */
  tiers?: VolumeTiers;
}

// Guernsey, Jersey and the Isle of Man share the UK's +44 numbering plan, and Meta prices by calling
// code, so they are billed as the United Kingdom.

/** The catch-all market for every country not listed, as Meta's card has "Other". */
export const OTHER_MARKET_ID = 'other';

const m = (
  id: string,
  name: string,
  countries: readonly string[],
  marketing: number,
  utility: number,
  authentication: number,
): Market => ({
  id,
  name,
  countries,
  prices: { MARKETING: marketing, UTILITY: utility, AUTHENTICATION: authentication },
});

const region = (id: string, ...p: [number, number, number]): Market => {
  const r = REGIONS[id];
  if (!r) throw new Error(`No region ${id}`);
  return m(id, r.name, r.countries, ...p);
};

/**
 * Meta's card of 2025-07-01 in USD. The single-country rows and "Other" were on this card before;
 * the regional rows are read from a third-party transcription of Meta's per-country table (each
 * member country printed with its region's rates), except Rest of Middle East, which that
 * transcription did not show: its rates are ASSUMED (Meta's earlier card's ratios).
 */
const CARD_2025_07_01: RateCard = {
  effectiveDate: '2025-07-01',
  currency: 'USD',
  source:
    "Meta's WhatsApp Business Platform rate card (USD, list rates without volume tiers), approximate",
  markets: [
    m('AR', 'Argentina', ['AR'], 0.0618, 0.0289, 0.0289),
    m('BR', 'Brazil', ['BR'], 0.0625, 0.0068, 0.0068),
    m('CL', 'Chile', ['CL'], 0.0889, 0.02, 0.02),
    m('CO', 'Colombia', ['CO'], 0.0125, 0.0008, 0.0008),
    m('EG', 'Egypt', ['EG'], 0.1073, 0.0036, 0.0036),
    m('FR', 'France', ['FR'], 0.0859, 0.03, 0.03),
    m('DE', 'Germany', ['DE'], 0.1365, 0.055, 0.0768),
    m('IN', 'India', ['IN'], 0.0107, 0.0014, 0.0014),
    m('ID', 'Indonesia', ['ID'], 0.0411, 0.025, 0.025),
    m('IL', 'Israel', ['IL'], 0.0353, 0.0053, 0.0053),
    m('IT', 'Italy', ['IT'], 0.0691, 0.03, 0.03),
    m('MY', 'Malaysia', ['MY'], 0.086, 0.014, 0.014),
    m('MX', 'Mexico', ['MX'], 0.0305, 0.0085, 0.0085),
    m('NL', 'Netherlands', ['NL'], 0.1597, 0.05, 0.05),
    m('NG', 'Nigeria', ['NG'], 0.0516, 0.0067, 0.0067),
    m('PK', 'Pakistan', ['PK'], 0.0473, 0.0054, 0.0054),
    m('PE', 'Peru', ['PE'], 0.0703, 0.02, 0.02),
    m('RU', 'Russia', ['RU'], 0.0802, 0.04, 0.04),
    m('SA', 'Saudi Arabia', ['SA'], 0.0455, 0.0115, 0.0115),
    m('ZA', 'South Africa', ['ZA'], 0.0379, 0.0076, 0.0076),
    m('ES', 'Spain', ['ES'], 0.0615, 0.02, 0.02),
    m('TR', 'Turkey', ['TR'], 0.0109, 0.0053, 0.0053),
    m('AE', 'United Arab Emirates', ['AE'], 0.0384, 0.0157, 0.0157),
    m('GB', 'United Kingdom', ['GB', 'GG', 'JE', 'IM'], 0.0529, 0.022, 0.022),
    region('north_america', 0.025, 0.004, 0.0135),
    region('rest_of_africa', 0.0225, 0.004, 0.004),
    region('rest_of_asia_pacific', 0.0732, 0.0113, 0.0113),
    region('rest_of_central_eastern_europe', 0.086, 0.0212, 0.0212),
    region('rest_of_latin_america', 0.074, 0.0113, 0.0113),
    region('rest_of_middle_east', 0.0341, 0.0091, 0.0091),
    region('rest_of_western_europe', 0.0592, 0.0171, 0.0171),
    m(OTHER_MARKET_ID, 'Rest of the world', [], 0.0604, 0.0077, 0.0077),
  ],
};

/**
 * The cards whose figures ship with the app, oldest first. Later dates are not cards of their own:
 * no figures of Meta's later cards were found on Meta's pages, so the structure changes by date
 * (cardOnDay) and each rate change Meta announced becomes a caveat on the estimate instead.
 */
export const BUNDLED_RATE_CARDS: readonly RateCard[] = [CARD_2025_07_01];

/** The newest bundled card: the sandbox's prices, and the base for edits when nothing is imported. */
export const BUNDLED_RATE_CARD: RateCard = CARD_2025_07_01;

/**
 * The card whose prices were in force on `day` (YYYY-MM-DD, the send date): the newest card that
 * took effect on or before it; before every card, the oldest (the nearest there is). Assumed: Meta
 * switches at midnight in the WABA's time zone; a UTC day is close enough for an estimate.
 */
export function cardInForce(cards: readonly RateCard[], day: string): RateCard {
  const sorted = [...cards].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const first = sorted[0];
  if (!first) throw new Error('No rate card.');
  return sorted.filter((c) => c.effectiveDate <= day).at(-1) ?? first;
}
