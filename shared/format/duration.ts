import { formatDecimal } from './numbers';

/**
 * A duration as people estimate one: seconds under a minute, minutes under an hour and a half,
 * then hours with one decimal. The abbreviations (s, min, h) read the same in the app's
 * English and in the SI sense every locale knows; the number follows the locale ("1,5 h").
 */
export function formatDuration(locale: string, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return 'unknown';
  if (seconds < 60) return `${formatDecimal(locale, Math.max(1, Math.round(seconds)), 0)} s`;
  if (seconds < 5400) return `${formatDecimal(locale, Math.round(seconds / 60), 0)} min`;
  if (seconds < 48 * 3600) return `${formatDecimal(locale, seconds / 3600, 1)} h`;
  return `${formatDecimal(locale, seconds / 86400, 1)} days`;
}
