import { getCountries } from 'libphonenumber-js/max';
import Papa from 'papaparse';
import { CoreError } from '../../../shared/api';
import {
  OTHER_MARKET_ID,
  REGIONS,
  regionIdByName,
  type Market,
  type RateCard,
} from '../../../shared/domain/pricing';

/**
 * Reads the rate card CSV that Meta's pricing page offers for download. Its shape, as seen in
 * third-party importers of that file (ASSUMED, not verified against Meta's page from here): a few
 * comment lines, then `Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service`,
 * one row per market ("Argentina", …, "Rest of Africa", …, "Other"), "n/a" where a rate does not
 * apply. Only the three template categories an estimate uses are read; the other columns are ignored.
 */
export const MAX_CARD_BYTES = 1024 * 1024;

// Meta's market names where they differ from the English region names Intl gives.
const ALIASES: Record<string, string> = {
  turkey: 'TR',
  russia: 'RU',
  'hong kong': 'HK',
  'united states': 'US',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  macedonia: 'MK',
  swaziland: 'SZ',
  'south korea': 'KR',
  congo: 'CG',
  laos: 'LA',
  vietnam: 'VN',
};

let countryNames: Map<string, string> | undefined;
/** The ISO code of a market named as Meta's card and webhooks name it ("India", "Turkey"). */
export function countryByName(name: string): string | undefined {
  if (!countryNames) {
    const display = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = new Map(getCountries().map((c) => [display.of(c)?.toLowerCase() ?? c, c]));
  }
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[key] ?? countryNames.get(key);
}

/** "0.0250", "$0.025", "1,234.50", "0,0250" (a decimal comma) → a number; "n/a" or junk → null. */
export function readPrice(cell: string | undefined): number | null {
  const raw = (cell ?? '').trim().replace(/[^\d.,-]/g, '');
  if (raw === '' || raw.startsWith('-')) return null;
  const normal = raw.includes('.') ? raw.replace(/,/g, '') : raw.replace(',', '.');
  const n = Number(normal);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

const DATE_IN_TEXT =
  /(\d{4}-\d{2}-\d{2})|((?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2},?\s*\d{4})/i;

/** The effective date the comment lines state, if any ("Effective October 1, 2026"). */
function dateInComments(rows: string[][]): string | null {
  for (const row of rows) {
    // The CSV parser splits "October 1, 2026" at its comma: read the line whole again.
    const m = DATE_IN_TEXT.exec(row.join(','));
    if (!m) continue;
    if (m[1]) return m[1];
    const parsed = new Date(`${(m[2] ?? '').replace(/,?\s*(\d{4})$/, ', $1')} 12:00 UTC`);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString().slice(0, 10);
  }
  return null;
}

interface Row {
  line: number;
  market: string;
  currency: string;
  prices: [number | null, number | null, number | null];
}

function readRows(text: string): { rows: Row[]; comments: string[][] } {
  // Empty lines are kept, so a row's index is its line number (a rate card quotes no line breaks).
  const all = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;
  const headerAt = all.findIndex((r) => {
    const cells = r.map((c) => c.trim().toLowerCase());
    return cells.includes('market') && cells.includes('marketing');
  });
  if (headerAt < 0)
    throw new CoreError(
      'VALIDATION',
      'This is not a WhatsApp rate card: no header row with "Market" and "Marketing". Download the CSV from Meta’s pricing page and import it as it is.',
    );
  const header = (all[headerAt] ?? []).map((c) => c.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [market, currency, mk, ut, au] = [
    col('market'),
    col('currency'),
    col('marketing'),
    col('utility'),
    col('authentication'),
  ];
  const rows = all.slice(headerAt + 1).flatMap((r, i): Row[] => {
    const name = (r[market] ?? '').trim();
    if (name === '') return [];
    return [
      {
        line: headerAt + i + 2,
        market: name,
        currency: (currency >= 0 ? (r[currency] ?? '') : '').trim().toUpperCase(),
        prices: [readPrice(r[mk]), readPrice(r[ut]), readPrice(r[au])],
      },
    ];
  });
  return { rows, comments: all.slice(0, headerAt) };
}

/** Meta's CSV → a card; refuses (naming the lines) anything it cannot price, rather than guess. */
export function parseMetaRateCard(
  text: string,
  opts: { effectiveDate?: string | undefined; currency?: string | undefined; source: string },
): RateCard {
  const { rows, comments } = readRows(text);
  if (rows.length === 0) throw new CoreError('VALIDATION', 'The rate card has no market rows.');
  const effectiveDate = opts.effectiveDate ?? dateInComments(comments);
  if (!effectiveDate)
    throw new CoreError(
      'VALIDATION',
      'The file does not say from when its prices apply. Give the date (for example 2026-10-01).',
    );
  const currencies = new Set(rows.map((r) => r.currency).filter((c) => c !== ''));
  const currency = opts.currency?.toUpperCase() ?? [...currencies][0] ?? '';
  if (!/^[A-Z]{3}$/.test(currency) || currencies.size > 1)
    throw new CoreError(
      'VALIDATION',
      currencies.size > 1
        ? `The rate card mixes currencies (${[...currencies].join(', ')}); import one currency's card at a time.`
        : 'The rate card does not name its currency as a three-letter code (USD, EUR, INR…). Give the currency.',
    );
  const problems: string[] = [];
  const single: Market[] = [];
  const grouped: { id: string; name: string; prices: number[] }[] = [];
  for (const r of rows) {
    const [marketing, utility, authentication] = r.prices;
    if (marketing === null || utility === null || authentication === null) {
      problems.push(`line ${r.line} (${r.market}): a price is missing or not a number`);
      continue;
    }
    const prices = { MARKETING: marketing, UTILITY: utility, AUTHENTICATION: authentication };
    const regionId = regionIdByName(r.market);
    const lower = r.market.toLowerCase();
    if (regionId)
      grouped.push({ id: regionId, name: r.market, prices: [marketing, utility, authentication] });
    else if (lower === 'other' || lower === 'rest of the world')
      grouped.push({
        id: OTHER_MARKET_ID,
        name: 'Rest of the world',
        prices: [marketing, utility, authentication],
      });
    else {
      const country = countryByName(r.market);
      if (!country) problems.push(`line ${r.line}: "${r.market}" is not a market we know`);
      else single.push({ id: country, name: r.market, countries: [country], prices });
    }
  }
  if (!grouped.some((g) => g.id === OTHER_MARKET_ID))
    problems.push('there is no "Other" row, which prices every country not listed');
  if (problems.length > 0)
    throw new CoreError(
      'VALIDATION',
      `This rate card cannot be used: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}.`,
    );
  const standalone = new Set(single.flatMap((m) => m.countries));
  const regions: Market[] = grouped.map((g) => ({
    id: g.id,
    name: g.id === OTHER_MARKET_ID ? g.name : (REGIONS[g.id]?.name ?? g.name),
    countries: (REGIONS[g.id]?.countries ?? []).filter((c) => !standalone.has(c)),
    prices: {
      MARKETING: g.prices[0] ?? 0,
      UTILITY: g.prices[1] ?? 0,
      AUTHENTICATION: g.prices[2] ?? 0,
    },
  }));
  // The catch-all row last, as marketFor expects it when a country is not listed.
  regions.sort((a, b) => Number(a.id === OTHER_MARKET_ID) - Number(b.id === OTHER_MARKET_ID));
  return { effectiveDate, currency, source: opts.source, markets: [...single, ...regions] };
}
