import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import { isPlainDigits, readDigits } from './phone-digits';

/**
 * Phone rules shared by the import, the suppression list and the UI. A number is only ever
 * stored as E.164 ("+447911123456"): Meta prepends the *business's* country code to a number
 * sent without "+", so anything ambiguous is rejected here instead of guessed.
 */

export type PhoneProblem =
  | 'EMPTY'
  | 'SCIENTIFIC_NOTATION'
  | 'SEVERAL_NUMBERS'
  | 'NOT_A_NUMBER'
  | 'NEEDS_COUNTRY'
  | 'INVALID';

export interface NormalizedPhone {
  ok: true;
  e164: string;
  /** ISO 3166-1 alpha-2, when known. */
  country: string | null;
  /** libphonenumber's type: MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, VOIP, ... */
  type: string | null;
  /** True for types WhatsApp is unlikely to be on (landlines, toll-free...). Kept, but flagged. */
  nonMobile: boolean;
}

export interface RejectedPhone {
  ok: false;
  problem: PhoneProblem;
  reason: string;
}

const NON_MOBILE_TYPES = new Set([
  'FIXED_LINE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]);

// Excel shows long numbers as 2.34803E+12 and, once saved that way, the digits are gone.
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;
// Separators people use to put two numbers in one cell.
const LIST_SEPARATOR = /[,;/|\n\r]|\s(?:or|ou|o|oder|of|y|и)\s/i;
const ALLOWED = /^[+\d\s().\-\u00a0\u2010-\u2015]+$/;

function reject(problem: PhoneProblem, reason: string): RejectedPhone {
  return { ok: false, problem, reason };
}

function accept(
  e164: string,
  country: string | undefined,
  type: string | undefined,
): NormalizedPhone {
  return {
    ok: true,
    e164,
    country: country ?? null,
    type: type ?? null,
    nonMobile: type ? NON_MOBILE_TYPES.has(type) : false,
  };
}

interface ValidNumber {
  number: string;
  country: string | undefined;
  type: string | undefined;
}

/** libphonenumber-js's reading of `text` when it is a valid number; undefined otherwise. */
function tryParse(text: string, defaultCountry: string | null): ValidNumber | undefined {
  // Nearly every cell is plain digits by now: read those with compiled patterns (phone-digits.ts
  // explains why; the result is the library's). The odd rest, such as a second "+", goes to the library.
  if (isPlainDigits(text)) {
    const read = readDigits(text, defaultCountry);
    return read?.valid ? read : undefined;
  }
  const parsed = parsePhoneNumberFromString(
    text,
    defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : {},
  );
  return parsed?.isValid()
    ? { number: parsed.number, country: parsed.country, type: parsed.getType() }
    : undefined;
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * Normalises what a person typed into a spreadsheet cell. Accepts spaces, dashes, dots,
 * brackets, a leading "+" or "00", a leading apostrophe (Excel's "this is text" marker), and
 * numbers written with the country code but no "+". Rejects scientific notation and cells
 * holding several numbers rather than guessing.
 */
export function normalizePhone(
  raw: string,
  defaultCountry: string | null,
): NormalizedPhone | RejectedPhone {
  let text = raw.trim();
  if (text.startsWith("'")) text = text.slice(1).trim();
  if (text === '') return reject('EMPTY', 'The phone cell is empty.');
  if (SCIENTIFIC.test(text)) {
    return reject(
      'SCIENTIFIC_NOTATION',
      `Excel turned this number into scientific notation (${text}) and its last digits are lost. ` +
        'Format the phone column as Text in Excel, retype or re-export it, and import again.',
    );
  }
  if (LIST_SEPARATOR.test(text)) {
    return reject(
      'SEVERAL_NUMBERS',
      'This cell seems to hold more than one number. Put one number per row.',
    );
  }
  // "tel:" links and "ext." suffixes are common in CRM exports; anything else wordy is not a number.
  text = text.replace(/^tel:/i, '');
  if (!ALLOWED.test(text))
    return reject('NOT_A_NUMBER', 'This is not a phone number (it contains letters or symbols).');

  const digits = text.replace(/\D/g, '');
  if (digits.length < 6) return reject('INVALID', 'Too few digits for a phone number.');
  if (digits.length > 15 + 3) {
    // Longer than any E.164 number even with a trunk prefix: two numbers typed side by side.
    return reject(
      'SEVERAL_NUMBERS',
      'Too many digits for one number; the cell may hold more than one number.',
    );
  }

  const compact = text.replace(/[\s().\-\u00a0\u2010-\u2015]/g, '');
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const international = '+' + compact.replace(/^\+|^00/, '');
    const parsed = tryParse(international, null);
    if (!parsed) return reject('INVALID', `${raw.trim()} is not a valid phone number.`);
    return accept(parsed.number, parsed.country, parsed.type);
  }

  // National format first (the common case with a default country), then the same digits
  // read as "country code without +".
  const national = defaultCountry ? tryParse(compact, defaultCountry) : undefined;
  if (national) return accept(national.number, national.country, national.type);
  const withPlus = tryParse('+' + digits, null);
  if (withPlus) return accept(withPlus.number, withPlus.country, withPlus.type);
  if (!defaultCountry) {
    return reject(
      'NEEDS_COUNTRY',
      'This number has no country code. Choose the default country for numbers written without one.',
    );
  }
  // Only the chosen country and "country code without +" were tried: saying "any other
  // country" would be false for a national number of another country (06… is French).
  return reject(
    'INVALID',
    `${raw.trim()} is not a valid phone number for ${countryName(defaultCountry)}. If it is from another country, write it with its +code or choose that country.`,
  );
}

/** "United States" for "US": the words are the app's English (shared/format/words.ts). */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
