import { formatDate, type DateStyle } from './dates';
import { formatDuration } from './duration';
import {
  formatBytes,
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatSigned,
  formatUnitPrice,
} from './numbers';
import { formatPhone } from './phone';
import { formatCountOf, pluralWord, noun, type Noun } from './words';

export { noun, pluralWord, type Noun, type DateStyle };

export interface FormatOptions {
  /** A BCP 47 tag; the words stay English, the numbers and dates take this locale's shapes. */
  locale: string;
  /** IANA zone for dates; the runtime's own when absent. */
  timeZone?: string;
}

/**
 * The one formatting module (issue 15 item 10): every number, amount, date, duration and phone
 * number the renderer and the CLI show goes through a Format made here.
 */
export interface Format {
  locale: string;
  count(n: number): string;
  /** "1 utility message", "3 utility messages". */
  countOf(n: number, what: Noun): string;
  decimal(n: number, maxDigits?: number): string;
  money(amount: number, currency?: string): string;
  unitPrice(amount: number, currency?: string): string;
  percent(ratio: number, maxDigits?: number): string;
  signed(n: number): string;
  bytes(n: number): string;
  date(ms: number | null | undefined, style?: DateStyle, timeZone?: string): string;
  duration(seconds: number | null | undefined): string;
  phone(raw: string | null | undefined): string;
}

/** A locale the runtime does not know falls back to English rather than throwing on first use. */
export function safeLocale(tag: string | undefined): string {
  if (!tag) return 'en-US';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

/**
 * The user's language tag decides the shapes when it names a region ("fr-FR", "en-IN"). A bare
 * language ("en", "fr") takes the business's country as its region, so a French shop on an
 * English system without a region still sees its own conventions. Mixing a region into a tag
 * that already has one was tried and dropped: CLDR's en-FR groups counts the French way but
 * prints money the English way, two conventions on one screen.
 */
export function localeFor(
  language: string | undefined,
  country: string | null | undefined,
): string {
  const base = safeLocale(language);
  if (!country || !/^[A-Z]{2}$/.test(country)) return base;
  try {
    const l = new Intl.Locale(base);
    return l.region ? base : new Intl.Locale(base, { region: country }).toString();
  } catch {
    return base;
  }
}

export function createFormat(options: FormatOptions): Format {
  const locale = safeLocale(options.locale);
  const zone = options.timeZone;
  return {
    locale,
    count: (n) => formatCount(locale, n),
    countOf: (n, what) => formatCountOf(locale, n, what),
    decimal: (n, maxDigits) => formatDecimal(locale, n, maxDigits),
    money: (amount, currency = 'USD') => formatMoney(locale, amount, currency),
    unitPrice: (amount, currency = 'USD') => formatUnitPrice(locale, amount, currency),
    percent: (ratio, maxDigits) => formatPercent(locale, ratio, maxDigits),
    signed: (n) => formatSigned(locale, n),
    bytes: (n) => formatBytes(locale, n),
    date: (ms, style, timeZone) => formatDate(locale, ms, style, timeZone ?? zone),
    duration: (seconds) => formatDuration(locale, seconds),
    phone: formatPhone,
  };
}
