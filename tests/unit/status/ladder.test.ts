import { describe, expect, it } from 'vitest';
import {
  applyStatus,
  AUTHENTICATION_TTL_MS,
  DEFAULT_TTL_MS,
  expireTrack,
  parseCallback,
  parseWebhook,
  settledTrack,
  ttlFor,
  type LadderInput,
  type StatusObservation,
  type Track,
} from '../../../shared/domain/status';
import { describeFailure } from '../../../electron/core/status/recipient-track';
import { seededRandom } from '../sender/prng';
import { FAILED_STATUS, status, statusWebhook } from './meta-payloads';

const W = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=';
const T0 = 1750030073;
const accepted = (T0 - 1) * 1000 + 400;

/** What the sender leaves: accepted by Meta, waiting for statuses. */
const fresh = (): Track => ({
  state: 'sent',
  sentAt: accepted,
  deliveredAt: null,
  readAt: null,
  failedAt: null,
  statusTs: null,
  errorCode: null,
  errorTitle: null,
});

/** Observations straight from Meta-shaped webhook bodies. */
const obs = (...items: Record<string, unknown>[]): StatusObservation[] =>
  parseWebhook(statusWebhook(items)).observations as StatusObservation[];

const run = (observations: readonly LadderInput[], start: Track = fresh()): Track =>
  observations.reduce((t, o) => applyStatus(t, o, describeFailure) ?? t, start);

function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [list.slice()];
  return list.flatMap((x, i) =>
    permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

describe('status ladder', () => {
  it('walks sent → delivered → read with Meta timestamps in milliseconds', () => {
    const [sent, delivered, read] = obs(
      status(W, 'sent', T0),
      status(W, 'delivered', T0 + 5),
      status(W, 'read', T0 + 60),
    );
    const t1 = applyStatus(fresh(), sent!, describeFailure)!;
    expect(t1).toMatchObject({ state: 'sent', statusTs: T0 * 1000, sentAt: accepted });
    const t2 = applyStatus(t1, delivered!, describeFailure)!;
    expect(t2).toMatchObject({ state: 'delivered', deliveredAt: (T0 + 5) * 1000 });
    expect(applyStatus(t2, read!, describeFailure)).toMatchObject({
      state: 'read',
      deliveredAt: (T0 + 5) * 1000,
      readAt: (T0 + 60) * 1000,
      statusTs: (T0 + 60) * 1000,
    });
  });

  it('changes nothing for a duplicate (Meta retries webhooks for up to 7 days)', () => {
    const [delivered] = obs(status(W, 'delivered', T0 + 5));
    const once = run([delivered!]);
    expect(applyStatus(once, delivered!, describeFailure)).toBeNull();
  });

  it('ends the same whatever order the statuses arrive in, ordering by Meta timestamp', () => {
    const list = obs(
      status(W, 'sent', T0),
      status(W, 'delivered', T0 + 5),
      status(W, 'read', T0 + 60),
    );
    const results = permutations(list).map((p) => run(p));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toMatchObject({ state: 'read', deliveredAt: (T0 + 5) * 1000 });
    // A late `sent` never pulls a read message back.
    expect(applyStatus(results[0]!, list[0]!, describeFailure)).toBeNull();
  });

  it('counts read without delivered as delivered at the same moment (Meta skips it when both happen at once)', () => {
    const t = run(obs(status(W, 'sent', T0), status(W, 'read', T0 + 9)));
    expect(t).toMatchObject({
      state: 'read',
      deliveredAt: (T0 + 9) * 1000,
      readAt: (T0 + 9) * 1000,
    });
    // The delivered webhook arriving after all moves delivered_at to its own, earlier time.
    expect(run(obs(status(W, 'delivered', T0 + 4)), t)).toMatchObject({
      state: 'read',
      deliveredAt: (T0 + 4) * 1000,
    });
  });

  it('lets `delivered` never come: a message can stay at sent', () => {
    expect(run(obs(status(W, 'sent', T0)))).toMatchObject({ state: 'sent', deliveredAt: null });
  });

  it("records a failure with Meta's code and the catalogue's plain-language title", () => {
    const [failed] = parseWebhook(statusWebhook([FAILED_STATUS]))
      .observations as StatusObservation[];
    const t = run([failed!]);
    expect(t.state).toBe('failed');
    expect(t.errorCode).toBe(131049);
    expect(t.errorTitle).not.toBe(FAILED_STATUS.errors[0]!.title);
    expect(t.errorTitle).toBe(describeFailure(131049, ''));
    expect(t.failedAt).toBe(1751142888 * 1000);
  });

  it('lets a later delivered/read win over failed, in any arrival order; an earlier one does not', () => {
    const later = obs(status(W, 'failed', T0 + 2), status(W, 'delivered', T0 + 30));
    for (const p of permutations(later))
      expect(run(p)).toMatchObject({ state: 'delivered', errorCode: null, failedAt: null });
    const earlier = obs(status(W, 'delivered', T0 + 1), status(W, 'failed', T0 + 30));
    for (const p of permutations(earlier))
      expect(run(p)).toMatchObject({
        state: 'failed',
        errorCode: 131049,
        deliveredAt: (T0 + 1) * 1000,
      });
    // The same second: delivery evidence wins.
    expect(run(obs(status(W, 'failed', T0 + 3), status(W, 'read', T0 + 3))).state).toBe('read');
  });

  it("adds Meta's code to a failure first known only in words (message_history), never the reverse", () => {
    const words: LadderInput = {
      status: 'failed',
      at: (T0 + 2) * 1000,
      error: { code: null, title: 'Message undeliverable', details: null },
    };
    const [coded] = obs(status(W, 'failed', T0 + 2, { code: 131050 }));
    expect(run([words])).toMatchObject({
      state: 'failed',
      errorCode: null,
      errorTitle: 'Message undeliverable',
    });
    expect(run([words, coded!])).toMatchObject({
      errorCode: 131050,
      errorTitle: describeFailure(131050, ''),
    });
    expect(run([coded!, words])).toMatchObject({
      errorCode: 131050,
      errorTitle: describeFailure(131050, ''),
    });
  });

  it('is order-independent for random sets with duplicates (1,000 seeded cases)', () => {
    const random = seededRandom(42);
    const names = ['sent', 'delivered', 'read', 'failed'] as const;
    for (let i = 0; i < 1000; i++) {
      const set = names
        .filter(() => random() < 0.6)
        .map((n) =>
          status(W, n, T0 + Math.floor(random() * 5), { code: random() < 0.5 ? 131026 : 131049 }),
        );
      const list = obs(...set);
      const withDupes = [...list, ...list.filter(() => random() < 0.3)];
      const shuffled = [...withDupes].sort(() => random() - 0.5);
      expect(run(shuffled), JSON.stringify(set)).toEqual(run(list));
    }
  });

  it('settles an unknown send from a status carrying our callback data', () => {
    const [delivered] = obs(
      status(W, 'delivered', T0 + 5, { biz_opaque_callback_data: 'cd:12:3456' }),
    );
    expect(parseCallback(delivered!.callback)).toEqual({ campaignId: 12, recipientId: 3456 });
    expect(parseCallback('<only if you set it on send>')).toBeNull();
    expect(parseCallback('cd:12:test')).toBeNull();
    const t = applyStatus(settledTrack(null), delivered!, describeFailure);
    expect(t).toMatchObject({
      state: 'delivered',
      sentAt: (T0 + 5) * 1000,
      errorCode: null,
      failedAt: null,
    });
  });

  it('expires a message with no delivery after the TTL, and a late status still moves it on', () => {
    const t = run(obs(status(W, 'sent', T0)));
    expect(expireTrack(t, accepted + DEFAULT_TTL_MS - 1, DEFAULT_TTL_MS)).toBeNull();
    const expired = expireTrack(t, accepted + DEFAULT_TTL_MS, DEFAULT_TTL_MS)!;
    expect(expired.state).toBe('expired');
    expect(
      expireTrack(
        run(obs(status(W, 'delivered', T0 + 1))),
        accepted + DEFAULT_TTL_MS * 2,
        DEFAULT_TTL_MS,
      ),
    ).toBeNull();
    expect(run(obs(status(W, 'sent', T0)), expired).state).toBe('expired');
    expect(run(obs(status(W, 'delivered', T0 + 1)), expired).state).toBe('delivered');
    expect(run(obs(status(W, 'failed', T0 + 1)), expired).state).toBe('failed');
    expect(ttlFor('AUTHENTICATION')).toBe(AUTHENTICATION_TTL_MS);
    expect(ttlFor('MARKETING')).toBe(DEFAULT_TTL_MS);
  });
});
