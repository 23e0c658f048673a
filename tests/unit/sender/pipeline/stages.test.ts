import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../../../electron/core/cloud-api';
import { createClaimStage } from '../../../../electron/core/sender/pipeline/claim';
import { composeClaimed } from '../../../../electron/core/sender/pipeline/compose';
import { createPaceStage } from '../../../../electron/core/sender/pipeline/pace';
import { createSendStage } from '../../../../electron/core/sender/pipeline/send';
import type { Claimed, ClaimOptions } from '../../../../electron/core/sender/repo';
import type { Store } from '../../../../electron/core/db/connection';
import type {
  CampaignMessage,
  CampaignMessages,
} from '../../../../electron/core/templates/compose';

const claimed = (id: number, extra: Partial<Claimed> = {}): Claimed => ({
  id,
  phone: `+4479111${String(id).padStart(5, '0')}`,
  fieldsJson: '{"name":"Ann"}',
  attempts: 0,
  ...extra,
});
const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('the claim stage', () => {
  it('claims with the lease, says when the lock is held (waiting longer each time), and when the lease is gone', () => {
    const calls: ClaimOptions[] = [];
    let answer: 'ok' | 'busy' | 'lost' = 'busy';
    const stage = createClaimStage({
      db: new Database(':memory:'),
      campaignId: 3,
      lease: { accountId: 1, owner: 'me' },
      random: () => 1,
      monotonic: () => 0,
      repo: {
        claim: (_c, _now, _limit, options = {}) => {
          calls.push(options);
          if (answer === 'busy') throw busy();
          if (answer === 'lost') return { claimed: [], skipped: 0, leaseLost: true };
          return { claimed: [claimed(1)], skipped: 2 };
        },
      },
    });
    const waits = [1, 2, 3].map(() => stage.claim(0, 5, {}));
    expect(waits.map((w) => (w.kind === 'busy' ? w.waitMs : -1))).toEqual([20, 40, 80]);
    answer = 'ok';
    expect(stage.claim(0, 5, { countries: ['GB'] })).toEqual({
      kind: 'claimed',
      claimed: [claimed(1)],
      skipped: 2,
    });
    expect(calls.at(-1)).toEqual({ countries: ['GB'], lease: { accountId: 1, owner: 'me' } });
    // After a success the next lock starts again from the shortest wait.
    answer = 'busy';
    expect(stage.claim(0, 5, {})).toEqual({ kind: 'busy', waitMs: 20 });
    answer = 'lost';
    expect(stage.claim(0, 5, {})).toEqual({ kind: 'lease_lost' });
  });

  it('logs a held lock only once it has lasted 2 s, and then that claims work again; other SQLite errors at once', () => {
    let t = 0;
    const logs: string[] = [];
    let fail: Error | null = busy();
    const stage = createClaimStage({
      db: new Database(':memory:'),
      campaignId: 3,
      random: () => 1,
      monotonic: () => t,
      log: (m) => logs.push(m),
      repo: {
        claim: () => {
          if (fail) throw fail;
          return { claimed: [], skipped: 0 };
        },
      },
    });
    for (; t < 1900; t += 100) stage.claim(t, 1, {});
    expect(logs).toEqual([]);
    fail = null;
    stage.claim(t, 1, {});
    // A short wait at an import's chunks is normal: nothing said, so nothing to take back.
    expect(logs).toEqual([]);
    fail = busy();
    for (const end = t + 2500; t < end; t += 100) stage.claim(t, 1, {});
    expect(logs).toEqual([expect.stringMatching(/claim failed, retrying: .*database is locked/)]);
    fail = null;
    stage.claim(t, 1, {});
    expect(logs.at(-1)).toBe('sender: claims work again');
    fail = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    stage.claim(t, 1, {});
    expect(logs.at(-1)).toMatch(/disk I\/O error/);
  });

  it('lets a bug surface', () => {
    const stage = createClaimStage({
      db: new Database(':memory:'),
      campaignId: 3,
      random: () => 1,
      monotonic: () => 0,
      repo: {
        claim: () => {
          throw new TypeError('bug');
        },
      },
    });
    expect(() => stage.claim(0, 1, {})).toThrow(TypeError);
  });
});

describe('the compose stage', () => {
  const message = {
    variant: 'A',
    compose: (r: { phone: string; fields: Record<string, string> }, o: { callbackData: string }) =>
      ({ ok: true, body: { to: r.phone, name: r.fields.name, cb: o.callbackData } }) as never,
  } as unknown as CampaignMessage;
  const messages: CampaignMessages = {
    messages: [message],
    split: false,
    forVariant: (v: string | null) => (v === null || v === 'A' ? message : undefined),
  };

  it("composes from the recipient's own variant, with the callback data for status matching", () => {
    const r = composeClaimed(messages, new Map(), 3, claimed(7));
    expect(r).toMatchObject({
      ok: true,
      body: { name: 'Ann', cb: expect.stringMatching(/^cd:3:7$/) },
    });
  });

  it('skips, with a reason, a recipient whose variant is gone or whose fields cannot be read', () => {
    const gone = composeClaimed(messages, new Map(), 3, claimed(7, { variant: 'C' }));
    expect(gone).toMatchObject({ ok: false, problems: [{ message: /variant C/ }] });
    const broken = composeClaimed(messages, new Map(), 3, claimed(7, { fieldsJson: '{"name":' }));
    expect(broken).toMatchObject({ ok: false, problems: [{ message: /cannot be read/ }] });
  });
});

describe('the send stage', () => {
  it('counts requests in flight and hands each answer or error on', async () => {
    const answers = new Map<number, (o: SendOutcome) => void>();
    const seen: string[] = [];
    let settled = 0;
    const stage = createSendStage({
      client: {
        sendTemplate: (body) =>
          (body as unknown as { id: number }).id === 3
            ? Promise.reject(new Error('no token source'))
            : new Promise((resolve) =>
                answers.set((body as unknown as { id: number }).id, resolve),
              ),
      },
      onOutcome: (r, o) => seen.push(`${r.id}:${o.ok ? 'ok' : 'no'}`),
      onError: (r, e) => seen.push(`${r.id}:${(e as Error).message}`),
      settled: () => settled++,
    });
    for (const id of [1, 2, 3]) stage.start(claimed(id), { id } as never);
    expect(stage.inFlight()).toBe(3);
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual(['3:no token source']);
    answers.get(2)!({
      ok: true,
      wamid: 'w',
      waId: null,
      messageStatus: 'accepted',
      httpStatus: 200,
    });
    await new Promise((r) => setImmediate(r));
    expect(stage.inFlight()).toBe(1);
    expect(seen).toEqual(['3:no token source', '2:ok']);
    expect(settled).toBe(2);
  });
});

describe('the pace stage', () => {
  it('claims a twentieth of a second at a time, takes tokens at the paced rate, and holds loop-wide waits', () => {
    let t = 0;
    const pace = createPaceStage({
      store: {} as Store,
      clock: { now: () => 1_000 },
      repo: {} as never,
      campaignId: 1,
      account: { id: 1, rate_per_second: 100, messaging_limit: null },
      pacingRun: null,
      monotonic: () => t,
      random: () => 0.5,
    });
    expect(pace.batchSize()).toBe(5);
    expect(pace.allowance()).toBe(Infinity);
    // The bucket starts full (its small burst), then refills at ~98.5/s.
    let sent = 0;
    while (pace.take() === 0) sent++;
    expect(sent).toBeLessThanOrEqual(2);
    // Taking as fast as allowed for one second, in 5 ms steps: never more than the rate.
    let more = 0;
    for (let step = 0; step < 200; step++) {
      t += 5;
      while (pace.take() === 0) more++;
    }
    expect(sent + more).toBeLessThanOrEqual(100);
    expect(more).toBeGreaterThanOrEqual(97);
    pace.hold(300);
    expect(pace.holdMs()).toBe(300);
    t += 300;
    expect(pace.holdMs()).toBe(0);
  });
});
