/**
 * Numbers, money, percentages and sizes on Intl. The locale decides the shapes (grouping,
 * decimal mark, where the currency sign goes); the words around them stay the app's English.
 */

const cache = new Map<string, Intl.NumberFormat>();

/** Intl formatters are costly to build and these run per table cell: one per locale and options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** The currency's own minor-unit digits (USD 2, JPY 0, KWD 3), as ICU knows them. */
export function currencyDigits(locale: string, currency: string): number {
  return (
    numberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}

export function formatCount(locale: string, n: number): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

export function formatDecimal(locale: string, n: number, maxDigits = 1): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, { maximumFractionDigits: maxDigits }).format(n);
}

/**
 * A total in the currency's own digits. An amount above zero that would round to zero says
 * "less than $0.01" instead of "$0.00" (or the "$0.0000" the issue saw): small sandbox campaigns
 * cost fractions of a cent and showing nothing there reads as "free".
 */
export function formatMoney(locale: string, amount: number, currency: string): string {
  if (!Number.isFinite(amount)) return '—';
  const digits = currencyDigits(locale, currency);
  const f = numberFormat(locale, { style: 'currency', currency });
  const smallest = 10 ** -digits;
  if (amount !== 0 && Math.abs(amount) < smallest / 2) {
    return `${amount < 0 ? 'a credit of ' : ''}less than ${f.format(smallest)}`;
  }
  return f.format(amount);
}

/**
 * A price per message: rate cards quote fractions of the minor unit (USD 0.0147), so up to four
 * decimals, never fewer than the currency's own, and no trailing zeros past those.
 */
export function formatUnitPrice(locale: string, amount: number, currency: string): string {
  if (!Number.isFinite(amount)) return '—';
  const digits = currencyDigits(locale, currency);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  }).format(amount);
}

/** A ratio (0.125) as a percentage ("12.5%", "12,5 %" in French). */
export function formatPercent(locale: string, ratio: number, maxDigits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: maxDigits }).format(ratio);
}

/** A signed difference: "+3", "−2", "0". */
export function formatSigned(locale: string, n: number): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(n);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** File sizes in decimal units (what file managers on macOS and Windows' Explorer round to). */
export function formatBytes(locale: string, bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unit] ?? 'byte',
    // CLDR's short English form of "byte" has no plural ("132 byte"); the long one does
    // ("132 bytes", "1 byte"), and kB/MB/GB read right short.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
