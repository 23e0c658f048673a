import { describe, expect, it } from 'vitest';
import { COUNTER_TOTALS, liveCounts } from '../../renderer/src/features/progress/live-counts';
import type { RecipientCounts } from '../../shared/api';

const counts = (c: Partial<RecipientCounts>): RecipientCounts => ({
  pending: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  unknown: 0,
  skipped: 0,
  expired: 0,
  total: 50,
  ...c,
});

describe('live counters while sending', () => {
  it('take delivery reports from SQLite and what the sender does from its push', () => {
    // The sender accepted 45 and still has 5 to go; meanwhile 40 were reported delivered, 21 of them read.
    const push = counts({ pending: 5, sent: 45 });
    const db = counts({ pending: 8, sent: 5, delivered: 19, read: 21 });
    const live = liveCounts(push, db);
    expect(live).toMatchObject({ pending: 5, sent: 5, delivered: 19, read: 21 });
    expect(COUNTER_TOTALS.accepted(live)).toBe(45);
    expect(COUNTER_TOTALS.delivered(live)).toBe(40);
  });

  it('never shows fewer accepted than SQLite, nor a negative figure', () => {
    const push = counts({ pending: 10, sent: 2 });
    const db = counts({ pending: 4, sent: 1, delivered: 6 });
    const live = liveCounts(push, db);
    expect(COUNTER_TOTALS.accepted(live)).toBe(7);
    expect(live.sent).toBe(1);
    expect(liveCounts(undefined, db)).toBe(db);
  });
});
