import { FILTER_LIMITS, type DecimalSeparator } from './types';

/**
 * Reads a spreadsheet cell as a number, the way people write amounts: "1,234.50", "$1,234.50",
 * "1 234,50 €", "R$ 12,90", "-5", "(120.00)" (accounting negative), "15%", "1.2E+5", Arabic-Indic
 * digits, Swiss "1'234.50", Indian "1,23,456".
 *
 * The decimal separator is never guessed from the cell: "1.234" is 1.234 with a decimal point and
 * 1234 with a decimal comma, so the filter carries one explicit choice (defaulted from the country,
 * shown in the UI and the CLI). With it, the other of `.` and `,` may only group digits in threes
 * (or the Indian 2-2-3), so a cell written the other way ("1.234,50" when the decimal is `.`) is
 * unreadable, counted and shown, instead of silently read as something else.
 */

/** Prefixes and suffixes that mean money: any currency sign, ISO codes, and common local abbreviations. */
const CURRENCY = String.raw`(?:\p{Sc}|[A-Z]{3}|R\$|S\/|Rs\.?|kr\.?|zł|Kč|Ft|lei|RM|Rp|Bs\.?|Q)`;
const SIGN = '[+\\-]';
const SHAPE = new RegExp(
  `^(${SIGN})?\\s*(?:${CURRENCY})?\\s*(${SIGN})?\\s*([0-9.,'’ \\u00a0\\u202f\\u2009]+?(?:[eE][+\\-]?[0-9]{1,3})?)\\s*(?:${CURRENCY})?\\s*(%)?$`,
  'u',
);

const GROUP_SPACES = [' ', '\u00a0', '\u202f', '\u2009'];

function mapDigits(s: string, decimal: DecimalSeparator): string {
  // Arabic-Indic (U+0660) and Extended Arabic-Indic (U+06F0) digits, and the Arabic separators.
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b\u066c\u2212]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    if (c === '\u066b') return decimal; // Arabic decimal separator
    if (c === '\u066c') return decimal === '.' ? ',' : '.'; // Arabic thousands separator
    return '-'; // U+2212 minus sign
  });
}

function validGroups(groups: string[]): boolean {
  if (groups.length < 2) return true;
  const [first, ...rest] = groups;
  const last = rest[rest.length - 1]!;
  if (!first || !/^\d{1,3}$/.test(first) || !/^\d{3}$/.test(last)) return false;
  const middle = rest.slice(0, -1);
  // Western 1,234,567 (threes) or Indian 12,34,567 (twos, then a last three).
  return (
    middle.every((g) => /^\d{3}$/.test(g)) ||
    (middle.every((g) => /^\d{2}$/.test(g)) && /^\d{1,2}$/.test(first))
  );
}

function parseUnsigned(body: string, decimal: DecimalSeparator): number | null {
  let mantissa = body;
  let exponent = '';
  const e = /[eE]([+-]?\d{1,3})$/.exec(body);
  if (e) {
    mantissa = body.slice(0, e.index);
    exponent = e[1]!;
  }
  const decimalAt = mantissa.lastIndexOf(decimal);
  const intPart = decimalAt === -1 ? mantissa : mantissa.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : mantissa.slice(decimalAt + 1);
  if (decimalAt !== -1 && !/^\d+$/.test(fraction)) return null;
  if (intPart === '' && fraction === '') return null;
  let digits = intPart;
  if (intPart !== '' && !/^\d+$/.test(intPart)) {
    // One kind of group separator, never the decimal one, and not with an exponent.
    if (exponent) return null;
    const other: string = decimal === '.' ? ',' : '.';
    const candidates = [other, "'", '’', ...GROUP_SPACES];
    const used = candidates.filter((c) => intPart.includes(c));
    if (used.length !== 1) return null;
    const groups = intPart.split(used[0]!);
    if (!validGroups(groups)) return null;
    digits = groups.join('');
  }
  if (!/^\d*$/.test(digits)) return null;
  const n = Number(
    `${digits || '0'}${fraction ? `.${fraction}` : ''}${exponent ? `e${exponent}` : ''}`,
  );
  return Number.isFinite(n) ? n : null;
}

/** The cell's number, or null when it cannot be read as one. Empty cells are the caller's concern. */
const PLAIN_INTEGER = /^[+-]?\d{1,15}$/;
const PLAIN_POINT = /^[+-]?\d{0,15}\.\d{1,15}$/;
const PLAIN_COMMA = /^[+-]?\d{0,15},\d{1,15}$/;
const NON_ASCII = /[^\x20-\x7e]/;

export function parseNumber(raw: string, decimal: DecimalSeparator): number | null {
  let s = raw.trim();
  if (s === '' || s.length > FILTER_LIMITS.cellParseLength) return null;
  // Fast paths for the plain forms most cells have (a count is a million cells).
  if (PLAIN_INTEGER.test(s)) return Number(s);
  if (decimal === '.' ? PLAIN_POINT.test(s) : PLAIN_COMMA.test(s))
    return Number(decimal === '.' ? s : s.replace(',', '.'));
  if (NON_ASCII.test(s)) s = mapDigits(s, decimal);
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(s);
  if (bracketed) {
    negative = true;
    s = bracketed[1]!.trim();
  }
  const m = SHAPE.exec(s);
  if (!m) return null;
  const [, sign1, sign2, body] = m;
  if (sign1 && sign2) return null;
  if (negative && (sign1 || sign2)) return null;
  const value = parseUnsigned(body!.trim(), decimal);
  if (value === null) return null;
  const sign = sign1 ?? sign2;
  return negative || sign === '-' ? -value : value;
}

/** A number as the filter's users write it, for messages: 1234.5 → "1,234.5" or "1.234,5". */
export function formatNumber(n: number, decimal: DecimalSeparator): string {
  const s = n.toLocaleString('en-US', { maximumFractionDigits: 10, useGrouping: true });
  return decimal === '.' ? s : s.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
}
