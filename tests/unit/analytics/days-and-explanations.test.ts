import { describe, expect, it } from 'vitest';
import { sumMeta } from '../../../electron/core/analytics/cross-check';
import {
  DAY_MS,
  nearMidnight,
  oldestFetchableDay,
  utcDay,
  utcDays,
} from '../../../electron/core/analytics/days';
import { explainDifferences, type ExplainInput } from '../../../electron/core/analytics/explain';
import { nextFetchDelay } from '../../../electron/core/analytics/poller';
import { mergeClicks } from '../../../electron/core/analytics/store';
import type { MetaFigures } from '../../../shared/api';

const D = (iso: string) => Date.parse(iso);

describe('UTC days', () => {
  it('puts a time on the UTC day it falls in, whatever the local zone says', () => {
    expect(utcDay(D('2026-03-29T23:59:59.999Z'))).toBe(D('2026-03-29T00:00:00Z'));
    expect(utcDay(D('2026-03-30T00:00:00Z'))).toBe(D('2026-03-30T00:00:00Z'));
    // 01:30 in Berlin on the night the clocks change is still the previous UTC day.
    expect(utcDay(D('2026-03-29T01:30:00+02:00'))).toBe(D('2026-03-28T00:00:00Z'));
    expect(utcDay(-1)).toBe(-DAY_MS);
  });

  it('lists the days of a range, both ends included, and bounds the list', () => {
    expect(utcDays(D('2026-01-30T22:00:00Z'), D('2026-02-01T01:00:00Z'))).toEqual([
      D('2026-01-30T00:00:00Z'),
      D('2026-01-31T00:00:00Z'),
      D('2026-02-01T00:00:00Z'),
    ]);
    expect(utcDays(D('2026-02-01T10:00:00Z'), D('2026-01-01T00:00:00Z'))).toEqual([]);
    expect(utcDays(0, 1000 * DAY_MS)).toHaveLength(91);
  });

  it("knows Meta's 90 days and midnights", () => {
    expect(oldestFetchableDay(D('2026-05-01T12:00:00Z'))).toBe(D('2026-01-31T00:00:00Z'));
    expect(nearMidnight(D('2026-05-01T23:40:00Z'), 3_600_000)).toBe(true);
    expect(nearMidnight(D('2026-05-01T00:20:00Z'), 3_600_000)).toBe(true);
    expect(nearMidnight(D('2026-05-01T12:00:00Z'), 3_600_000)).toBe(false);
  });
});

describe('the fetch pace', () => {
  const now = D('2026-05-20T12:00:00Z');
  it('is 15 minutes while sending, hourly while reads and clicks still come, daily after, never past 90 days', () => {
    expect(nextFetchDelay('sending', now - 60_000, now)).toBe(15 * 60_000);
    expect(nextFetchDelay('completed', now - 2 * DAY_MS, now)).toBe(3_600_000);
    expect(nextFetchDelay('completed', now - 10 * DAY_MS, now)).toBe(DAY_MS);
    expect(nextFetchDelay('cancelled', now - 91 * DAY_MS, now)).toBeNull();
  });
});

describe("summing Meta's days", () => {
  const day = (over: Partial<MetaFigures>): MetaFigures => ({
    sent: 10,
    delivered: 8,
    read: 4,
    clicks: [],
    cost: [],
    ...over,
  });
  it('adds counts and clicks per button, and recomputes per-unit costs from the sums', () => {
    const sum = sumMeta([
      day({
        clicks: [{ type: 'url_button', button: 'Shop', count: 2 }],
        cost: [
          { type: 'amount_spent', value: 0.4 },
          { type: 'cost_per_delivered', value: 0.05 },
        ],
      }),
      null,
      day({
        sent: 5,
        delivered: 2,
        read: 1,
        clicks: [
          { type: 'url_button', button: 'Shop', count: 3 },
          { type: 'quick_reply_button', button: 'Stop', count: 1 },
        ],
        cost: [{ type: 'amount_spent', value: 0.1 }],
      }),
    ]);
    expect(sum).toEqual({
      sent: 15,
      delivered: 10,
      read: 5,
      clicks: [
        { type: 'url_button', button: 'Shop', count: 5 },
        { type: 'quick_reply_button', button: 'Stop', count: 1 },
      ],
      cost: [
        { type: 'amount_spent', value: 0.5 },
        { type: 'cost_per_delivered', value: 0.05 },
        { type: 'cost_per_url_button_click', value: 0.1 },
      ],
    });
  });

  it('keeps a metric Meta never reported as unknown, and nothing fetched as null', () => {
    expect(sumMeta([day({ read: null }), day({ read: null })])?.read).toBeNull();
    expect(sumMeta([null, null])).toBeNull();
    expect(
      mergeClicks([
        { type: 'url_button', button: 'A', count: 1 },
        { type: 'quick_reply_button', button: 'A', count: 2 },
      ]),
    ).toHaveLength(2);
  });
});

describe('why the figures differ', () => {
  const now = D('2026-05-20T12:00:00Z');
  const base: ExplainInput = {
    now,
    health: { metaState: 'enabled', sandbox: false, state: 'ok', lastError: null, polling: true },
    hasMetaId: true,
    days: [D('2026-05-01T00:00:00Z')],
    firstSentAt: D('2026-05-01T10:00:00Z'),
    lastSentAt: D('2026-05-01T10:30:00Z'),
    meta: { sent: 100, delivered: 90, read: 50, clicks: [], cost: [] },
    ours: { sent: 100, delivered: 90, read: 50, failed: 3 },
    overlapping: [],
    sandboxForgot: false,
  };
  const codes = (x: Partial<ExplainInput>) =>
    explainDifferences({ ...base, ...x }).map((e) => e.code);

  it('says the figures match when they do, and nothing more for a settled single day', () => {
    expect(codes({})).toEqual(['match']);
  });

  it('gives a blocking reason alone: not enabled, not offered, no Meta id, nothing sent, not fetched', () => {
    expect(codes({ health: { ...base.health, metaState: 'not_enabled', polling: false } })).toEqual(
      ['not_enabled'],
    );
    expect(codes({ health: { ...base.health, metaState: 'unknown', polling: false } })).toEqual([
      'not_enabled',
    ]);
    expect(codes({ health: { ...base.health, metaState: 'unsupported', polling: false } })).toEqual(
      ['unsupported_region'],
    );
    expect(codes({ hasMetaId: false })).toEqual(['no_meta_id']);
    expect(codes({ days: [] })).toEqual(['not_sent']);
    expect(codes({ meta: null })).toEqual(['not_fetched']);
    expect(
      codes({
        meta: null,
        health: { ...base.health, state: 'failing', lastError: 'Meta said no.' },
      }),
    ).toEqual(['fetch_failed', 'not_fetched']);
    expect(
      explainDifferences({
        ...base,
        meta: null,
        health: { ...base.health, state: 'failing', lastError: 'Meta said no.' },
      })[0]!.text,
    ).toContain('Meta said no.');
  });

  it('names the other campaigns that used the template on the same days', () => {
    const e = explainDifferences({
      ...base,
      overlapping: [{ campaignId: 7, name: 'Flash sale', sent: 40, days: [...base.days] }],
    });
    expect(e.map((x) => x.code)).toEqual(['match', 'other_campaigns']);
    expect(e[1]!.text).toContain('"Flash sale"');
    expect(e[1]!.text).toContain('40 messages');
  });

  it('expects reads and clicks to grow for 7 days after the last day', () => {
    const recent = {
      days: [D('2026-05-18T00:00:00Z')],
      firstSentAt: D('2026-05-18T10:00:00Z'),
      lastSentAt: D('2026-05-18T11:00:00Z'),
    };
    expect(codes({ ...recent, meta: { ...base.meta!, read: 40 } })).toEqual(['late_counts']);
    expect(
      explainDifferences({ ...base, ...recent }).find((x) => x.code === 'late_counts')!.text,
    ).toContain('2026-05-26');
    // Past those 7 days a lower read count is Meta being behind.
    expect(codes({ meta: { ...base.meta!, read: 40 } })).toEqual(['meta_behind']);
  });

  it('mentions UTC days when the campaign crossed or came close to a UTC midnight', () => {
    expect(codes({ lastSentAt: D('2026-05-01T23:45:00Z') })).toEqual(['match', 'utc_days']);
    expect(
      codes({
        days: [D('2026-05-01T00:00:00Z'), D('2026-05-02T00:00:00Z')],
        lastSentAt: D('2026-05-02T03:00:00Z'),
      }),
    ).toEqual(['match', 'utc_days']);
  });

  it('explains more at Meta (sent elsewhere) and less at Meta (behind), and a sandbox that forgot', () => {
    expect(codes({ meta: { ...base.meta!, sent: 104 } })).toEqual(['sent_elsewhere']);
    expect(explainDifferences({ ...base, meta: { ...base.meta!, sent: 104 } })[0]!.text).toContain(
      '4 messages more',
    );
    expect(codes({ meta: { ...base.meta!, sent: 98, delivered: 88 } })).toEqual(['meta_behind']);
    expect(
      codes({
        sandboxForgot: true,
        health: { ...base.health, sandbox: true },
        meta: { ...base.meta!, sent: 60 },
      }),
    ).toEqual(['sandbox_forgot', 'meta_behind']);
  });
});
