/**
 * Timestamps in the user's zone as `2026-11-23 14:05:09`: sortable, unambiguous in every locale
 * (no 11/03 vs 03/11), and the zone is named in the column header.
 *
 * Intl.formatToParts costs microseconds per call and a million-row report has four times per row,
 * so the zone's offset is looked up once per quarter hour and reused: every zone's transitions
 * since 1970 fall on quarter hours.
 */
const QUARTER_HOUR = 15 * 60_000;
const CACHE_LIMIT = 10_000;

export interface ZoneFormatter {
  readonly timeZone: string;
  format(ms: number | null): string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function createZoneFormatter(timeZone: string): ZoneFormatter {
  const intl = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const offsets = new Map<number, number>();

  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * QUARTER_HOUR;
      const parts: Record<string, number> = {};
      for (const p of intl.formatToParts(at))
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const local = Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        parts.hour ?? 0,
        parts.minute ?? 0,
        parts.second ?? 0,
      );
      offset = local - at;
      // Bounded: a report's times cluster in a few days, but a bug must not become a leak.
      if (offsets.size >= CACHE_LIMIT) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };

  return {
    timeZone,
    format(ms) {
      if (ms === null || !Number.isFinite(ms)) return '';
      const d = new Date(ms + offsetAt(ms));
      return (
        `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
        `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
      );
    },
  };
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
