import type { QuietWaiting } from '../../../../shared/api';

/** An instant in the user's own time: "14:00" today, "Tue 14:00" on another day. */
export function yourTime(at: number, now = Date.now()): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === d.toDateString()
    ? time
    : `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}

/** The same instant on the recipients' wall clock, when there is one zone to speak of. */
export function theirTime(at: number, zone: string | null): string | null {
  if (!zone) return null;
  try {
    return new Date(at).toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    });
  } catch {
    return null;
  }
}

export function every(ratePerSecond: number): string {
  if (ratePerSecond <= 0) return 'nothing left to send';
  if (ratePerSecond >= 1) return `about ${Math.round(ratePerSecond * 10) / 10} messages per second`;
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
    return `${g.name}${g.zone ? ` (${g.zone})` : ''}: ${g.recipients.toLocaleString()} ${when}`;
  });
  return (
    <>
      {quiet.recipients.toLocaleString()} recipient{quiet.recipients === 1 ? ' waits' : 's wait'}{' '}
      for their quiet hours to end, and go out by themselves then. {parts.join('; ')}.
    </>
  );
}
