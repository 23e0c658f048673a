import { describe, expect, it } from 'vitest';
import { addCalls, callsThisHour } from '../../../electron/core/status/call-window';

const HOUR = 3_600_000;

describe('hourly call window of a polled source', () => {
  it('starts with the first call, adds up within the hour, and starts over after it', () => {
    let w = addCalls(undefined, 1000, 0);
    expect(w).toEqual({ calls_window_start: null, calls_in_window: 0 });
    w = addCalls(w, 1000, 3);
    expect(w).toEqual({ calls_window_start: 1000, calls_in_window: 3 });
    w = addCalls(w, 1000 + HOUR - 1, 2);
    expect(callsThisHour(w, 1000 + HOUR - 1)).toBe(5);
    expect(callsThisHour(w, 1000 + HOUR)).toBe(0);
    expect(addCalls(w, 1000 + HOUR, 1)).toEqual({
      calls_window_start: 1000 + HOUR,
      calls_in_window: 1,
    });
    expect(callsThisHour(undefined, 5)).toBe(0);
  });
});
