import { afterEach, describe, expect, it } from 'vitest';
import { callApi, openBook } from './helpers';

const HOUR = 3_600_000;
const A = '+447911123451';
const B = '+447911123452';
const C = '+447911123453';
const D = '+447911123454';
const E = '+447911123455';
const F = '+447911123456';

describe('segments and follow-ups', () => {
  const open: ReturnType<typeof openBook>[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  /** A book of six, and a sent campaign with every kind of outcome. */
  async function world() {
    const b = openBook();
    open.push(b);
    const T0 = Date.UTC(2026, 2, 2, 9, 0);
    for (const [phone, city] of [
      [A, 'London'],
      [B, 'Leeds'],
      [C, 'London'],
      [D, 'London'],
      [E, 'York'],
    ] as const)
      await callApi(b.core, 'customers.save', { phone, attributes: { City: city } });
    const x = await callApi(b.core, 'campaigns.create', { name: 'March news' });
    const db = b.core.store.sqlite;
    const add = db.prepare(
      `INSERT INTO recipients (campaign_id, row_number, phone, fields_json, state, wamid, sent_at, delivered_at, read_at, failed_at, error_code, error_title)
       VALUES (?, ?, ?, '{"City":"x"}', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sent = T0 + 60_000;
    add.run(x.id, 2, A, 'read', 'w.a', sent, sent + 1, sent + 2, null, null, null);
    // 131049: the per-user marketing limit, an hour before "now".
    add.run(
      x.id,
      3,
      B,
      'failed',
      'w.b',
      sent,
      null,
      null,
      T0 + 2 * HOUR,
      131049,
      'Marketing limit',
    );
    add.run(x.id, 4, C, 'delivered', 'w.c', sent, sent + 1, null, null, null, null);
    // 131026: not on WhatsApp (permanent).
    add.run(x.id, 5, D, 'failed', 'w.d', sent, null, null, sent + 5, 131026, 'Undeliverable');
    add.run(x.id, 6, E, 'sent', 'w.e', sent, null, null, null, null, null);
    // F is not in the book: follow-ups read the campaign, not the book.
    add.run(x.id, 7, F, 'failed', null, null, null, null, sent + 5, 131000, 'Something went wrong');
    db.prepare("UPDATE campaigns SET state = 'completed', started_at = ? WHERE id = ?").run(
      T0,
      x.id,
    );
    // C replied after the campaign started.
    db.prepare(
      "INSERT INTO status_events (source, kind, dedupe_key, payload_json, received_at) VALUES ('sandbox', 'inbound', 'in1', ?, ?)",
    ).run(JSON.stringify({ from: C.slice(1), text: { body: 'Thanks' } }), T0 + HOUR);
    b.setNow(T0 + 3 * HOUR);
    return { b, x: x.id, T0 };
  }

  const members = async (b: ReturnType<typeof openBook>, history: unknown[], filter?: unknown) =>
    (
      await callApi(b.core, 'segments.create', {
        name: `s${Math.random()}`,
        history: history as never,
        ...(filter ? { filter: filter as never } : {}),
      })
    ).count.members;

  it('counts customers by attributes and by history: got, outcome (read, failed with a code, replied), quiet days, opted in after', async () => {
    const { b, x } = await world();
    const london = {
      root: {
        kind: 'group',
        match: 'all',
        items: [{ kind: 'condition', column: 'City', op: 'equals', value: 'London' }],
      },
      decimal: '.',
      dateOrder: 'dmy',
    };
    expect(await members(b, [{ kind: 'got', campaignId: x }], london)).toBe(3);
    expect(await members(b, [{ kind: 'outcome', campaignId: x, outcome: 'read' }])).toBe(1);
    expect(
      await members(b, [{ kind: 'outcome', campaignId: x, outcome: 'failed', errorCode: 131049 }]),
    ).toBe(1);
    expect(
      await members(b, [{ kind: 'outcome', campaignId: x, outcome: 'delivered-not-read' }]),
    ).toBe(1);
    expect(await members(b, [{ kind: 'outcome', campaignId: x, outcome: 'replied' }])).toBe(1);
    expect(await members(b, [{ kind: 'outcome', campaignId: x, outcome: 'no-reply' }])).toBe(4);
    expect(await members(b, [{ kind: 'outcome', campaignId: x, outcome: 'not-delivered' }])).toBe(
      3,
    );
    // Everyone in the book was messaged three hours ago.
    expect(await members(b, [{ kind: 'quiet', days: 1 }])).toBe(0);
    b.setNow(Date.UTC(2026, 3, 2));
    expect(await members(b, [{ kind: 'quiet', days: 30 }])).toBe(5);
    expect(await members(b, [{ kind: 'optedInAfter', date: '2026-03-02' }])).toBe(5);
    expect(await members(b, [{ kind: 'optedInAfter', date: '2026-03-03' }])).toBe(0);
    await expect(
      callApi(b.core, 'segments.create', {
        name: 'typo',
        history: [{ kind: 'got', campaignId: 999 }],
      }),
    ).rejects.toThrow(/Campaign 999 does not exist/);
  });

  it('starts a campaign from a segment with exactly its members, opt-outs skipped, and records the segment', async () => {
    const { b, x } = await world();
    await callApi(b.core, 'suppression.add', { phone: D, reason: 'STOP' });
    const seg = await callApi(b.core, 'segments.create', {
      name: 'Got March news',
      history: [{ kind: 'got', campaignId: x }],
    });
    expect(seg.count).toMatchObject({ members: 5, optedOut: 1 });
    const draft = await callApi(b.core, 'campaigns.create', { name: 'April news' });
    const fill = await callApi(b.core, 'campaigns.fillFromSegment', {
      campaignId: draft.id,
      segmentId: seg.id,
    });
    expect(fill).toEqual({
      campaignId: draft.id,
      recipients: 5,
      leftOut: [{ reason: 'on the suppression list', count: 1 }],
    });
    const rows = b.core.store.sqlite
      .prepare(
        'SELECT phone, state, skip_reason, fields_json FROM recipients WHERE campaign_id = ? ORDER BY phone',
      )
      .all(draft.id);
    expect(rows).toEqual([
      { phone: A, state: 'pending', skip_reason: null, fields_json: '{"City":"London"}' },
      { phone: B, state: 'pending', skip_reason: null, fields_json: '{"City":"Leeds"}' },
      { phone: C, state: 'pending', skip_reason: null, fields_json: '{"City":"London"}' },
      { phone: D, state: 'skipped', skip_reason: 'suppressed', fields_json: '{"City":"London"}' },
      { phone: E, state: 'pending', skip_reason: null, fields_json: '{"City":"York"}' },
    ]);
    expect(
      b.core.store.sqlite
        .prepare('SELECT columns_json FROM campaigns WHERE id = ?')
        .pluck()
        .get(draft.id),
    ).toBe('["City"]');
    expect(
      b.core.store.sqlite
        .prepare(
          'SELECT kind, segment_id, members FROM campaign_audience_sources WHERE campaign_id = ?',
        )
        .get(draft.id),
    ).toEqual({ kind: 'segment', segment_id: seg.id, members: 5 });
    // A draft that already has its audience is not filled twice.
    await expect(
      callApi(b.core, 'campaigns.fillFromSegment', { campaignId: draft.id, segmentId: seg.id }),
    ).rejects.toThrow(/already has recipients/);
  });

  it('follows up "not delivered" minus opt-outs, permanent failures and 131049 within 24 hours', async () => {
    const { b, x, T0 } = await world();
    await callApi(b.core, 'suppression.add', { phone: E, reason: 'STOP' });
    // Counted before any draft exists, with the same rules as the fill below.
    const plan = await callApi(b.core, 'campaigns.followUpPlan', {
      sourceCampaignId: x,
      outcome: 'not-delivered',
    });
    const draft = await callApi(b.core, 'campaigns.create', { name: 'Second try' });
    const fill = await callApi(b.core, 'campaigns.fillFollowUp', {
      campaignId: draft.id,
      sourceCampaignId: x,
      outcome: 'not-delivered',
    });
    expect(fill.recipients).toBe(1);
    expect(plan).toEqual({ recipients: fill.recipients, leftOut: fill.leftOut });
    const phones = () =>
      b.core.store.sqlite
        .prepare('SELECT phone FROM recipients WHERE campaign_id = ? ORDER BY phone')
        .pluck()
        .all(draft.id);
    // F failed with a temporary error; B must wait 24 h; D is not on WhatsApp; E opted out.
    expect(phones()).toEqual([F]);
    expect(fill.leftOut.map((l) => l.count).reduce((a, n) => a + n, 0)).toBe(3);
    expect(fill.leftOut).toContainEqual({ reason: 'on the suppression list', count: 1 });
    expect(fill.leftOut).toContainEqual({
      reason: 'WhatsApp asks to wait before messaging them again',
      count: 1,
    });

    // A day after B's failure, B may be messaged again.
    b.setNow(T0 + 27 * HOUR);
    const later = await callApi(b.core, 'campaigns.create', { name: 'Third try' });
    await callApi(b.core, 'campaigns.fillFollowUp', {
      campaignId: later.id,
      sourceCampaignId: x,
      outcome: 'not-delivered',
    });
    expect(
      b.core.store.sqlite
        .prepare('SELECT phone FROM recipients WHERE campaign_id = ? ORDER BY phone')
        .pluck()
        .all(later.id),
    ).toEqual([B, F]);

    // An outcome nobody had is counted as nobody, and its refusal says it in the panel's words.
    expect(
      await callApi(b.core, 'campaigns.followUpPlan', {
        sourceCampaignId: x,
        outcome: 'failed',
        errorCode: 130472,
      }),
    ).toEqual({ recipients: 0, leftOut: [] });
    // An outcome nobody had leaves no empty draft behind.
    const none = await callApi(b.core, 'campaigns.create', { name: 'Nobody' });
    await expect(
      callApi(b.core, 'campaigns.fillFollowUp', {
        campaignId: none.id,
        sourceCampaignId: x,
        outcome: 'failed',
        errorCode: 130472,
      }),
    ).rejects.toThrow(
      'Nobody to follow up: nobody in that campaign matches “Everyone it failed for (any reason, or one error code)”.',
    );
    expect(
      b.core.store.sqlite
        .prepare('SELECT count(*) FROM recipients WHERE campaign_id = ?')
        .pluck()
        .get(none.id),
    ).toBe(0);
  });
});
