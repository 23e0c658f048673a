import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * One way to show a phone number everywhere: the international format libphonenumber gives
 * ("+1 555 010 0001", "+33 6 12 34 56 78"). Meta's `display_phone_number` arrives in its own
 * shapes ("+1 555-000-0000", "15550001234"); they go through here too so a screen never shows
 * one number two ways. Text that is not a number is shown as it came.
 */
export function formatPhone(raw: string | null | undefined): string {
  if (!raw) return '';
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  if (digits.length < 6 || digits.length > 17) return trimmed;
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${digits}`);
  return parsed ? parsed.formatInternational() : trimmed;
}
