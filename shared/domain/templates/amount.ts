/**
 * Reading money amounts typed by people in many locales, for Meta's `currency.amount_1000`.
 *
 * The rule:
 * 1. Currency symbols, letters (codes like USD), spaces and apostrophes around and inside the number
 *    are ignored (`$1 234,50`, `1'234.50 CHF`, `EUR 10`). A leading `-` makes it negative.
 * 2. With both `.` and `,`, the LAST one is the decimal separator and the other one groups thousands
 *    (`1,234.50` and `1.234,50` are both 1234.5).
 * 3. With only one kind of separator used several times, it groups thousands (`1,234,567`).
 * 4. With one separator used once, it is the decimal separator (`100.99`, `100,5`) unless exactly three
 *    digits follow it and it could be a thousands group (`1,234`, `12.500`): that is ambiguous and
 *    refused, rather than guessed wrong by a factor of 1000.
 * Thousands groups must be well formed: the last one has three digits, earlier ones two or three
 * (Indian `1,23,456` is accepted). More than three decimals are rounded half up.
 */

export type AmountParse = { ok: true; amount1000: number } | { ok: false; error: string };

const SPACES_AND_QUOTES = /[\s'\u2019\u00a0\u202f\u2009]/gu;

function groupsValid(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  if (groups.length === 1) return /^[0-9]+$/.test(intPart);
  const [first = '', ...rest] = groups;
  const last = rest[rest.length - 1] ?? '';
  return (
    /^[0-9]{1,3}$/.test(first) &&
    /^[0-9]{3}$/.test(last) &&
    rest.slice(0, -1).every((g) => /^[0-9]{2,3}$/.test(g))
  );
}

function toThousandths(intDigits: string, fracDigits: string): number {
  const frac = (fracDigits + '000').slice(0, 3);
  const roundUp = fracDigits.length > 3 && Number(fracDigits[3]) >= 5 ? 1 : 0;
  return Number(intDigits || '0') * 1000 + Number(frac) + roundUp;
}

export function parseAmount(text: string): AmountParse {
  const unreadable: AmountParse = {
    ok: false,
    error: `"${text}" is not an amount: write a number such as 1234.50.`,
  };
  const m =
    /^[\p{L}\p{Sc}\s]*([-\u2212]?)[\p{Sc}\s]*([0-9][0-9.,\s'\u2019\u00a0\u202f\u2009]*?)[\p{L}\p{Sc}\s]*$/u.exec(
      text.trim(),
    );
  if (!m?.[2]) return unreadable;
  const negative = m[1] !== '';
  const core = m[2].replace(SPACES_AND_QUOTES, '');
  if (!/^[0-9]([0-9.,]*[0-9])?$/.test(core)) return unreadable;

  const dots = core.split('.').length - 1;
  const commas = core.split(',').length - 1;
  let intPart = core;
  let frac = '';
  let thousands: string | undefined;

  if (dots > 0 && commas > 0) {
    const decimal = core.lastIndexOf('.') > core.lastIndexOf(',') ? '.' : ',';
    thousands = decimal === '.' ? ',' : '.';
    if (core.split(decimal).length !== 2) return unreadable;
    [intPart = '', frac = ''] = core.split(decimal);
  } else if (dots + commas > 1) {
    thousands = dots > 0 ? '.' : ',';
  } else if (dots + commas === 1) {
    const sep = dots > 0 ? '.' : ',';
    const [before = '', after = ''] = core.split(sep);
    if (after.length === 3 && before !== '0' && before.length <= 3) {
      const asDecimal = `${before}.${after}`;
      return {
        ok: false,
        error: `The amount "${text}" is ambiguous: it could be ${before}${after} or ${asDecimal}. Write it without a thousands separator (${before}${after}) or with two decimals (${before}${after}.00).`,
      };
    }
    intPart = before;
    frac = after;
  }

  if (thousands !== undefined && !groupsValid(intPart, thousands)) return unreadable;
  const intDigits = thousands === undefined ? intPart : intPart.split(thousands).join('');
  if (!/^[0-9]*$/.test(intDigits) || !/^[0-9]*$/.test(frac)) return unreadable;
  const value = toThousandths(intDigits, frac);
  if (!Number.isSafeInteger(value))
    return { ok: false, error: `The amount "${text}" is too large.` };
  return { ok: true, amount1000: negative && value !== 0 ? -value : value };
}
