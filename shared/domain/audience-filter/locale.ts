import type { DateOrder, DecimalSeparator } from './types';

/**
 * Defaults for how cells are read, from the campaign's country (the import's default country, else
 * the account's). They are only defaults: the filter stores the choice, and the UI and CLI show it
 * next to the conditions so it is never a silent guess.
 */

/** Countries whose people write the month first (3/14/2026). */
const MONTH_FIRST = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'AS', 'GU', 'MP', 'PR', 'VI', 'UM']);

/** Countries that write a decimal comma (1.234,50 or 1 234,50); the rest write a decimal point. */
const DECIMAL_COMMA = new Set([
  // Europe
  'AD',
  'AL',
  'AM',
  'AT',
  'AZ',
  'BA',
  'BE',
  'BG',
  'BY',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FO',
  'FR',
  'GE',
  'GL',
  'GR',
  'HR',
  'HU',
  'IS',
  'IT',
  'LT',
  'LU',
  'LV',
  'MC',
  'MD',
  'ME',
  'MK',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'RS',
  'RU',
  'SE',
  'SI',
  'SK',
  'SM',
  'TR',
  'UA',
  'VA',
  'XK',
  // Americas
  'AR',
  'BO',
  'BR',
  'CL',
  'CO',
  'CR',
  'CU',
  'EC',
  'PY',
  'UY',
  'VE',
  // Africa and Asia
  'AO',
  'CM',
  'CV',
  'DZ',
  'ID',
  'KZ',
  'MA',
  'MZ',
  'SN',
  'TN',
  'UZ',
  'VN',
  'ZA',
]);

export function defaultDecimal(country: string | null | undefined): DecimalSeparator {
  return country && DECIMAL_COMMA.has(country.toUpperCase()) ? ',' : '.';
}

export function defaultDateOrder(country: string | null | undefined): DateOrder {
  return country && MONTH_FIRST.has(country.toUpperCase()) ? 'mdy' : 'dmy';
}

export const DECIMAL_LABEL: Record<DecimalSeparator, string> = {
  '.': 'decimal point (1,234.50)',
  ',': 'decimal comma (1.234,50)',
};

export const DATE_ORDER_LABEL: Record<DateOrder, string> = {
  dmy: 'day first (14/03/2026)',
  mdy: 'month first (03/14/2026)',
};
