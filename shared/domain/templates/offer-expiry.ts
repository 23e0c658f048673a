/**
 * When a limited-time offer ends, as the `expiration_time_ms` Meta's send takes (Unix time in
 * milliseconds; verified: Meta's "Limited-time offer templates" page). A value is read from a cell
 * or a fixed text, so it must name its instant without guessing: an ISO date and time with its zone
 * (`2026-12-24T18:00+01:00`, `2026-12-24 18:00Z`) or Unix milliseconds (13 digits). A time without a
 * zone is refused rather than read in some zone the shop owner never chose.
 */

export type ExpiryParse = { ok: true; ms: number } | { ok: false; error: string };

const ISO_WITH_ZONE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)\s*(Z|UTC|[+-]\d{2}:?\d{2})$/i;
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const UNIX_MS = /^\d{13}$/;
const EXAMPLE = '2026-12-24 18:00+01:00';

export function parseOfferExpiry(raw: string): ExpiryParse {
  const text = raw.trim();
  if (UNIX_MS.test(text)) return { ok: true, ms: Number(text) };
  const m = ISO_WITH_ZONE.exec(text);
  if (m) {
    const zone = (m[3] ?? 'Z').toUpperCase();
    const offset =
      zone === 'Z' || zone === 'UTC' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(`${m[1]}T${m[2]}${offset}`);
    if (Number.isFinite(ms)) return { ok: true, ms };
  }
  if (ISO_NO_ZONE.test(text))
    return {
      ok: false,
      error: `"${text}" has no time zone: write the date, the time and the zone, e.g. ${EXAMPLE} (or Z for UTC).`,
    };
  return {
    ok: false,
    error: `"${text.slice(0, 40)}" is not a date and time: write it like ${EXAMPLE}.`,
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The countdown line WhatsApp shows under a limited-time offer, as of `now`: "Offer ends in 2
 * days" (days while at least one is left, then hours, then minutes). Our wording; the phone's own
 * is localised by WhatsApp.
 */
export function offerCountdown(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  if (left <= 0) return 'Offer ended';
  if (left >= DAY) return `Offer ends in ${plural(Math.floor(left / DAY), 'day')}`;
  if (left >= HOUR) return `Offer ends in ${plural(Math.floor(left / HOUR), 'hour')}`;
  return `Offer ends in ${plural(Math.max(1, Math.floor(left / MINUTE)), 'minute')}`;
}
