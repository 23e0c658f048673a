import type { QuietWaiting } from '../../../../shared/api';
import { fmt, noun } from '../../lib/format';

/** An instant in the user's own time: "14:00" today, "Tue 14:00" on another day. */
export function yourTime(at: number, now = Date.now()): string {
  const sameDay = new Date(now).toDateString() === new Date(at).toDateString();
  return fmt().date(at, sameDay ? 'time' : 'weekdayTime');
}

/** The same instant on the recipients' wall clock, when there is one zone to speak of. */
export function theirTime(at: number, zone: string | null): string | null {
  if (!zone) return null;
  // A zone the runtime does not know says nothing rather than the user's own time again.
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
  } catch {
    return null;
  }
  return fmt().date(at, 'time', zone);
}

export function every(ratePerSecond: number): string {
  if (ratePerSecond <= 0) return 'nothing left to send';
  if (ratePerSecond >= 1)
    return `about ${fmt().countOf(Math.round(ratePerSecond * 10) / 10, noun('message'))} per second`;
  const s = 1 / ratePerSecond;
  return s < 90
    ? `about one message every ${Math.round(s)} s`
    : `about one message every ${Math.round(s / 60)} min`;
}

/** "3 recipients wait for quiet hours to end: United States 3 until 14:00 (08:00 their time)." */
export function QuietWaitingText({ quiet }: { quiet: QuietWaiting }) {
  const parts = quiet.groups.map((g) => {
    const theirs = g.until === null ? null : theirTime(g.until, g.zone);
    const when =
      g.until === null
        ? 'never with these settings: choose one of its time zones'
        : `until ${yourTime(g.until)}${theirs ? ` (${theirs} their time)` : ''}`;
    return `${g.name}${g.zone ? ` (${g.zone})` : ''}: ${fmt().count(g.recipients)} ${when}`;
  });
  return (
    <>
      {fmt().count(quiet.recipients)} recipient{quiet.recipients === 1 ? ' waits' : 's wait'} for
      their quiet hours to end, and go out by themselves then. {parts.join('; ')}.
    </>
  );
}
