import { describe, expect, it } from 'vitest';
import {
  MESSAGING_WINDOW_MS,
  messagingWindow,
} from '../../../electron/core/sender/messaging-limit';

const DAY = MESSAGING_WINDOW_MS;
const now = 1_800_000_000_000;

describe('messagingWindow', () => {
  it('counts unique phones with a send in (now − 24 h, now]', () => {
    const w = messagingWindow({
      limit: 250,
      now,
      sends: [
        { phone: '+1', at: now - DAY }, // just left the window
        { phone: '+2', at: now - DAY + 1 }, // oldest still inside
        { phone: '+3', at: now },
        { phone: '+4', at: now + 1 }, // future (clock skew): ignored
      ],
    });
    expect(w.used).toBe(2);
    expect(w.remaining).toBe(248);
    expect(w.nextSlotAt).toBeNull();
    expect([...w.counted].sort()).toEqual(['+2', '+3']);
  });

  it('counts a phone once however many sends it had', () => {
    const sends = [0, 1, 2].map((i) => ({ phone: '+44', at: now - i * 1000 }));
    expect(messagingWindow({ limit: 1, now, sends })).toMatchObject({ used: 1, remaining: 0 });
  });

  it('reports unlimited portfolios with null', () => {
    const w = messagingWindow({ limit: null, now, sends: [{ phone: '+1', at: now }] });
    expect(w).toMatchObject({ used: 1, remaining: null, nextSlotAt: null });
  });

  it('when full, frees the next slot when the oldest counted send leaves (any input order)', () => {
    const sends = [
      { phone: '+3', at: now - 1000 },
      { phone: '+1', at: now - 5000 },
      { phone: '+2', at: now - 3000 },
    ];
    const w = messagingWindow({ limit: 3, now, sends });
    expect(w).toMatchObject({ used: 3, remaining: 0, nextSlotAt: now - 5000 + DAY });
    // Consistent with itself: one ms before, still full; at that moment, one slot.
    expect(messagingWindow({ limit: 3, now: now - 5000 + DAY - 1, sends }).remaining).toBe(0);
    expect(messagingWindow({ limit: 3, now: now - 5000 + DAY, sends }).remaining).toBe(1);
  });

  it('keeps a phone counted until its latest send leaves', () => {
    const sends = [
      { phone: '+1', at: now - 9000 },
      { phone: '+1', at: now - 1000 },
      { phone: '+2', at: now - 5000 },
    ];
    expect(messagingWindow({ limit: 2, now, sends }).nextSlotAt).toBe(now - 5000 + DAY);
  });

  it('when the limit was lowered below usage, waits for enough phones to leave', () => {
    const sends = [1, 2, 3, 4, 5].map((i) => ({ phone: `+${i}`, at: now - i * 1000 }));
    const w = messagingWindow({ limit: 2, now, sends });
    expect(w).toMatchObject({ used: 5, remaining: 0 });
    // A slot needs used < 2: the four oldest (+5, +4, +3, then +2) must leave.
    expect(w.nextSlotAt).toBe(now - 2000 + DAY);
    expect(messagingWindow({ limit: 2, now: w.nextSlotAt!, sends }).remaining).toBe(1);
    expect(messagingWindow({ limit: 2, now: w.nextSlotAt! - 1, sends }).remaining).toBe(0);
  });

  it('never opens a slot when the limit is 0', () => {
    expect(messagingWindow({ limit: 0, now, sends: [] })).toMatchObject({
      used: 0,
      remaining: 0,
      nextSlotAt: null,
    });
  });
});
