import Papa from 'papaparse';
import { CoreError } from '../../../shared/api';
import {
  OTHER_MARKET_ID,
  parseTierRange,
  regionIdByName,
  tierProblems,
  TIERED_CATEGORIES,
  type TieredCategory,
  type VolumeTier,
  type VolumeTiers,
} from '../../../shared/domain/pricing';
import { countryByName, readPrice } from './meta-card-csv';

/**
 * Reads the "Volume tiers (CSV)" file of Meta's pricing page. Its columns are ASSUMED (no copy of
 * the file was found from here; the page only links it): one row per market, category and tier, with
 * a market column, a category (or "product") column, the tier's range and its rate. A range is read
 * as Meta writes tiers in webhooks ("25000001:50000000", "0:MAX") or as a person would ("1 - 100,000",
 * "100,001+"); separate "from"/"to" columns work too. Rows of other categories (marketing has no
 * tiers) are skipped; anything else it cannot read is refused, naming the lines.
 */

interface Columns {
  market: number;
  category: number;
  range: number;
  from: number;
  to: number;
  rate: number;
}

function columnsOf(header: string[]): Columns | null {
  const find = (re: RegExp) => header.findIndex((h) => re.test(h));
  const c = {
    market: find(/market|country|region/),
    category: find(/categor|product/),
    range: find(/tier|range|volume/),
    from: find(/^(from|min|lower)/),
    to: find(/^(to|max|upper)/),
    rate: find(/rate|price/),
  };
  const hasRange = c.range >= 0 || c.from >= 0;
  return c.market >= 0 && c.category >= 0 && c.rate >= 0 && hasRange ? c : null;
}

const digits = (s: string): number | null => {
  const t = s.replace(/[,\s_]/g, '');
  return /^\d{1,12}$/.test(t) ? Number(t) : null;
};

/** "1 - 100,000", "100,001+", "25000001:50000000", "0:MAX" → bounds; null when unreadable. */
export function readRange(text: string): { from: number; to: number | null } | null {
  const colon = parseTierRange(text.replace(/[,\s]/g, ''));
  if (colon) return colon;
  const plus = /^\s*([\d,\s]+?)\s*(\+|or more|and (above|over))\s*$/i.exec(text);
  if (plus) {
    const from = digits(plus[1]!);
    return from === null ? null : { from: Math.max(1, from), to: null };
  }
  const dash = /^\s*([\d,\s]+?)\s*[-–—]\s*([\d,\s]+?)\s*$/.exec(text);
  if (!dash) return null;
  const from = digits(dash[1]!);
  const to = digits(dash[2]!);
  if (from === null || to === null || to < Math.max(1, from)) return null;
  return { from: Math.max(1, from), to };
}

function marketIdOf(name: string): string | null {
  const lower = name.trim().toLowerCase();
  if (lower === 'other' || lower === 'rest of the world') return OTHER_MARKET_ID;
  return regionIdByName(name) ?? countryByName(name) ?? null;
}

function rangeOf(r: string[], c: Columns): { from: number; to: number | null } | null {
  if (c.range >= 0) return readRange(r[c.range] ?? '');
  const from = digits(r[c.from] ?? '');
  const toText = (c.to >= 0 ? (r[c.to] ?? '') : '').trim();
  const to = toText === '' || /max|∞|unlimited/i.test(toText) ? null : digits(toText);
  if (from === null || (toText !== '' && to === null && !/max|∞|unlimited/i.test(toText)))
    return null;
  return readRange(`${from}:${to ?? 'MAX'}`);
}

export function parseVolumeTiers(text: string): VolumeTiers {
  const all = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;
  const headerAt = all.findIndex((r) => columnsOf(r.map((x) => x.trim().toLowerCase())) !== null);
  const c =
    headerAt >= 0 ? columnsOf((all[headerAt] ?? []).map((x) => x.trim().toLowerCase())) : null;
  if (!c)
    throw new CoreError(
      'VALIDATION',
      'This is not a volume tier file: no header row with a market, a category, the tier and its rate. Download "Volume tiers (CSV)" from Meta’s pricing page.',
    );
  const problems: string[] = [];
  const tiers: Record<string, Partial<Record<TieredCategory, VolumeTier[]>>> = {};
  all.slice(headerAt + 1).forEach((r, i) => {
    const line = headerAt + i + 2;
    const name = (r[c.market] ?? '').trim();
    if (name === '') return;
    const category = (r[c.category] ?? '').trim().toUpperCase();
    const tiered = TIERED_CATEGORIES.find((t) => category.startsWith(t));
    // authentication-international is priced apart by Meta; the card has no column for it.
    if (!tiered || category.includes('INTERNATIONAL')) return;
    const market = marketIdOf(name);
    const range = rangeOf(r, c);
    const price = readPrice(r[c.rate]);
    if (!market) return void problems.push(`line ${line}: "${name}" is not a market we know`);
    if (!range) return void problems.push(`line ${line}: the tier is not a range we can read`);
    if (price === null)
      return void problems.push(`line ${line}: the rate is missing or not a number`);
    ((tiers[market] ??= {})[tiered] ??= []).push({ ...range, price });
  });
  for (const [market, byCategory] of Object.entries(tiers))
    for (const [category, list] of Object.entries(byCategory))
      for (const p of tierProblems(list ?? []))
        problems.push(`${market} ${category.toLowerCase()}: ${p}`);
  if (problems.length > 0)
    throw new CoreError(
      'VALIDATION',
      `These volume tiers cannot be used: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}.`,
    );
  if (Object.keys(tiers).length === 0)
    throw new CoreError('VALIDATION', 'The file has no utility or authentication tiers.');
  return tiers;
}
