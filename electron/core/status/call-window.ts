/**
 * The hourly call budget of a polled source (message_history, template analytics): the calls made in
 * a window that starts with its first call and lasts an hour, kept in two columns of the source's row
 * so the budget survives restarts.
 */
export interface CallWindow {
  calls_window_start: number | null;
  calls_in_window: number;
}

const HOUR_MS = 3_600_000;

const expired = (row: CallWindow | undefined, now: number): boolean =>
  !row?.calls_window_start || now - row.calls_window_start >= HOUR_MS;

/** Calls used in the current hour; the window restarts an hour after its first call. */
export const callsThisHour = (row: CallWindow | undefined, now: number): number =>
  expired(row, now) ? 0 : row!.calls_in_window;

/** The window's columns after `calls` more calls at `now`. */
export function addCalls(row: CallWindow | undefined, now: number, calls: number): CallWindow {
  return expired(row, now)
    ? { calls_window_start: calls > 0 ? now : null, calls_in_window: calls }
    : {
        calls_window_start: row!.calls_window_start,
        calls_in_window: row!.calls_in_window + calls,
      };
}
