import { afterEach, describe, expect, it } from 'vitest';
import { createRetryFailedDraft } from '../../../electron/core/campaigns/retry-failed';
import { readSettings, writeSetting } from '../../../electron/core/campaigns/settings';
import { c, filterHarness, type FilterHarness } from './helpers';

const LONDON = [c('City', 'equals', { value: 'London' })];
// City = London AND (Spent > 100 OR VIP is not empty): Ann and Dan (Lee is opted out).
const LONDON_BIG_OR_VIP = {
  kind: 'group' as const,
  match: 'all' as const,
  items: [
    c('City', 'equals', { value: 'london' }),
    {
      kind: 'group' as const,
      match: 'any' as const,
      items: [c('Spent', 'num_gt', { value: 100 }), c('VIP', 'not_empty')],
    },
  ],
};

describe('the audience filter: saved with the campaign, followed by counts, preview, checks and sending', () => {
  let h: FilterHarness;
  afterEach(async () => h?.close());

  it('saves, describes and clears a filter; refuses columns the audience lacks', async () => {
    h = await filterHarness();
    const empty = await h.ok('campaigns.filter', { campaignId: h.campaignId });
    expect(empty).toMatchObject({
      filter: null,
      editable: true,
      problem: null,
      defaults: { decimal: '.', dateOrder: 'mdy', country: 'US' },
    });
    expect(empty.columns).toEqual(['phone', 'name', 'order', 'City', 'Spent', 'Joined', 'VIP']);

    const changed: unknown[] = [];
    h.core.events.on('db.changed', (p) => changed.push(p));
    const saved = await h.setFilter(LONDON_BIG_OR_VIP);
    expect(saved.description).toBe('"City" is "london" AND ("Spent" > 100 OR "VIP" is not empty)');
    expect(changed).toContainEqual({ tables: ['campaigns'], campaignId: h.campaignId });
    expect(readSettings(h.core.store, h.campaignId).filter).toMatchObject({
      version: 1,
      decimal: '.',
      dateOrder: 'dmy',
    });

    const bad = await h.call('campaigns.setFilter', {
      campaignId: h.campaignId,
      filter: {
        root: { kind: 'group', match: 'all', items: [c('Town', 'empty')] },
        decimal: '.',
        dateOrder: 'dmy',
      },
    });
    expect(bad.ok || bad.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no column "Town".*City, Spent/),
    });
    const bounds = await h.call('campaigns.setFilter', {
      campaignId: h.campaignId,
      filter: {
        root: { kind: 'group', match: 'all', items: [c('City', 'num_gt', { value: 'ten' })] },
        decimal: '.',
        dateOrder: 'dmy',
      },
    });
    expect(bounds.ok || bounds.error.code).toBe('VALIDATION');
    // The refused changes left the saved filter as it was.
    expect((await h.ok('campaigns.filter', { campaignId: h.campaignId })).description).toBe(
      saved.description,
    );

    const cleared = await h.ok('campaigns.setFilter', {
      campaignId: h.campaignId,
      filter: {
        root: { kind: 'group', match: 'all', items: [{ kind: 'group', match: 'any', items: [] }] },
        decimal: '.',
        dateOrder: 'dmy',
      },
    });
    expect(cleared.filter).toBeNull();
    expect(readSettings(h.core.store, h.campaignId)).not.toHaveProperty('filter');
  });

  it('counts matching pending recipients and the unreadable cells of each number or date condition', async () => {
    h = await filterHarness();
    await h.setFilter(LONDON);
    // Ann, Ben, Cat, Dan; Lee is London too but opted out (already skipped).
    expect(await h.ok('campaigns.filterCount', { campaignId: h.campaignId })).toMatchObject({
      filtered: true,
      total: 11,
      matching: 4,
      alreadySkipped: 1,
      frozen: false,
      checks: [],
    });

    await h.setFilter([
      c('Spent', 'num_ge', { value: 100 }),
      c('Joined', 'date_before', { value: '2026-03-01' }),
    ]);
    const count = await h.ok('campaigns.filterCount', { campaignId: h.campaignId });
    // Spent ≥ 100 and joined before March: Ann (1,200; 5 Jan), Eve (1,500; 31 Dec), Jo (300; 1 Jan). Dan's "soon" is no date.
    expect(count.matching).toBe(3);
    expect(count.checks).toEqual([
      {
        conditionIds: ['c2'],
        column: 'Spent',
        kind: 'number',
        unreadable: 2,
        examples: ['n/a', 'lots'],
      },
      { conditionIds: ['c3'], column: 'Joined', kind: 'date', unreadable: 1, examples: ['soon'] },
    ]);

    await h.setFilter(LONDON_BIG_OR_VIP);
    expect((await h.ok('campaigns.filterCount', { campaignId: h.campaignId })).matching).toBe(2);
    // Day first vs month first changes which row "05/02/2026" (Ben) is.
    await h.setFilter([c('Joined', 'date_on', { value: '2026-02-05' })], { dateOrder: 'dmy' });
    expect((await h.ok('campaigns.filterCount', { campaignId: h.campaignId })).matching).toBe(1);
    await h.setFilter([c('Joined', 'date_on', { value: '2026-02-05' })], { dateOrder: 'mdy' });
    const mdy = await h.ok('campaigns.filterCount', { campaignId: h.campaignId });
    expect(mdy.matching).toBe(0);
    // Month first, 14/03/2026 (Gus) cannot be read at all; it is counted, not guessed.
    expect(mdy.checks[0]).toMatchObject({ unreadable: 2, examples: ['soon', '14/03/2026'] });
  });

  it('validation and the cost estimate follow the filter', async () => {
    h = await filterHarness();
    const before = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(before).toMatchObject({ checked: 11, excludedByTargeting: 0, alreadySkipped: 1 });
    await h.setFilter(LONDON_BIG_OR_VIP);
    const v = await h.ok('campaigns.validate', { campaignId: h.campaignId });
    expect(v).toMatchObject({ checked: 2, valid: 2, excludedByTargeting: 9, alreadySkipped: 1 });
    const e = await h.ok('campaigns.estimate', { campaignId: h.campaignId });
    expect(e.messages).toBe(2);
    expect(e.excluded).toBe(10);
  });

  it('the preview steps only through recipients the filter keeps, and says so', async () => {
    h = await filterHarness();
    await h.setFilter(LONDON);
    const first = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    // London: Ann, Ben, Cat, Dan and the opted-out Lee (shown, as the preview shows skipped recipients).
    expect(first).toMatchObject({ position: 1, total: 5, filteredFrom: 12, prevId: null });
    expect(first.recipient?.fields.name).toBe('Ann');
    const names: string[] = [];
    let p = first;
    for (let i = 0; i < 10 && p.recipient; i++) {
      names.push(p.recipient.fields.name!);
      if (p.nextId === null) break;
      p = await h.ok('campaigns.preview', { campaignId: h.campaignId, recipientId: p.nextId });
    }
    expect(names).toEqual(['Ann', 'Ben', 'Cat', 'Dan', 'Lee']);
    expect(p).toMatchObject({ position: 5, nextId: null });

    const leeds = await h.ok('campaigns.preview', { campaignId: h.campaignId, row: 6 });
    expect(leeds.notFound).toMatch(
      /Row 6 is not in the audience: the audience filter leaves it out/,
    );
    expect(leeds.recipient?.fields.name).toBe('Ann');
    expect(
      (await h.ok('campaigns.preview', { campaignId: h.campaignId, position: 4 })).recipient?.fields
        .name,
    ).toBe('Dan');
    expect(
      (await h.ok('campaigns.preview', { campaignId: h.campaignId, position: 6 })).notFound,
    ).toMatch(/Only 5 recipients match/);
    expect(
      (await h.ok('campaigns.preview', { campaignId: h.campaignId, search: 'Eve' })).notFound,
    ).toMatch(/Nobody kept by the audience filter matches "Eve"/);
    expect(
      (await h.ok('campaigns.preview', { campaignId: h.campaignId, search: 'cat' })).recipient
        ?.fields.name,
    ).toBe('Cat');

    await h.setFilter([c('City', 'equals', { value: 'Paris' })]);
    const none = await h.ok('campaigns.preview', { campaignId: h.campaignId });
    expect(none).toMatchObject({ recipient: null, total: 0, filteredFrom: 12 });
    expect(none.requestNotes.join(' ')).toMatch(
      /Nobody is left once the audience filter is applied/,
    );

    await h.ok('campaigns.setFilter', { campaignId: h.campaignId, filter: null });
    expect(await h.ok('campaigns.preview', { campaignId: h.campaignId })).toMatchObject({
      total: 12,
      filteredFrom: null,
    });
  });

  it('the prechecks count who will be sent to and refuse when nobody matches', async () => {
    h = await filterHarness();
    await h.setFilter(LONDON);
    const ok = await h.ok('campaigns.precheck', { campaignId: h.campaignId });
    expect(ok.sendable).toBe(4);
    expect(ok.items.find((i) => i.id === 'audience')?.message).toBe(
      '4 recipients will receive this message. 8 left out: 7 recipients who are not in the audience filter; 1 who opted out or is on your do-not-contact list.',
    );

    await h.setFilter([c('City', 'equals', { value: 'Paris' })]);
    const none = await h.ok('campaigns.precheck', { campaignId: h.campaignId });
    expect(none.ok).toBe(false);
    expect(none.items.find((i) => i.id === 'audience')).toMatchObject({
      ok: false,
      message:
        'Nobody will receive this message. 12 left out: 11 recipients who are not in the audience filter (change the filter in the Audience tab); 1 who opted out or is on your do-not-contact list.',
    });
    const refused = await h.call('campaigns.start', { campaignId: h.campaignId });
    expect(refused.ok || refused.error.message).toMatch(/Nobody will receive this message/);
    expect(h.states()).toEqual({ pending: 11, skipped: 1 });
  });

  it('at start, leaves out who does not match (skipped, with the reason), sends only to the rest, and freezes the filter', async () => {
    h = await filterHarness();
    await h.setFilter(LONDON_BIG_OR_VIP);
    await h.ok('campaigns.start', { campaignId: h.campaignId });
    const reasons = h.core.store.sqlite
      .prepare(
        "SELECT skip_reason AS reason, count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'skipped' GROUP BY skip_reason ORDER BY n DESC",
      )
      .all(h.campaignId);
    expect(reasons).toEqual([
      { reason: 'Excluded: not in the audience filter.', n: 9 },
      { reason: 'suppressed', n: 1 },
    ]);
    const refused = await h.call('campaigns.setFilter', { campaignId: h.campaignId, filter: null });
    expect(refused.ok || refused.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/applied when sending started/),
    });

    for (let i = 0; i < 200; i++) {
      const { state } = h.core.store.sqlite
        .prepare('SELECT state FROM campaigns WHERE id = ?')
        .get(h.campaignId) as { state: string };
      if (state === 'completed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const sent = h.core.store.sqlite
      .prepare(
        "SELECT json_extract(fields_json, '$.name') AS name FROM recipients WHERE campaign_id = ? AND wamid IS NOT NULL ORDER BY id",
      )
      .all(h.campaignId);
    expect(sent).toEqual([{ name: 'Ann' }, { name: 'Dan' }]);

    // After start the count covers everybody: the opted-out Lee matches too (he was never pending).
    const frozen = await h.ok('campaigns.filterCount', { campaignId: h.campaignId });
    expect(frozen).toMatchObject({ frozen: true, excludedAtStart: 9, total: 12, matching: 3 });
    expect((await h.ok('campaigns.filter', { campaignId: h.campaignId })).editable).toBe(false);
    // After start the preview shows everybody again, the left-out ones with their reason.
    expect(await h.ok('campaigns.preview', { campaignId: h.campaignId })).toMatchObject({
      total: 12,
      filteredFrom: null,
    });
  }, 30_000);

  it('a scheduled start applies the filter at once, as the filter can no longer change', async () => {
    h = await filterHarness();
    await h.setFilter(LONDON);
    await h.ok('campaigns.start', { campaignId: h.campaignId, scheduleAt: Date.now() + 3_600_000 });
    expect(h.states()).toEqual({ pending: 4, skipped: 8 });
  });

  it('a retry-failed follow-up keeps the other settings but not the filter: its people were already chosen', async () => {
    h = await filterHarness();
    await h.setFilter(LONDON);
    writeSetting(h.core.store, h.campaignId, 'otherFeature', { keep: true }, 1);
    h.core.store.sqlite
      .prepare("UPDATE campaigns SET state = 'completed' WHERE id = ?")
      .run(h.campaignId);
    h.core.store.sqlite
      .prepare(
        "UPDATE recipients SET state = 'failed', error_code = 131000, failed_at = 0 WHERE campaign_id = ? AND json_extract(fields_json, '$.name') IN ('Ann', 'Ben')",
      )
      .run(h.campaignId);
    const retry = createRetryFailedDraft(
      { store: h.core.store, clock: { now: () => Date.now() }, events: h.core.events },
      h.campaignId,
    );
    expect(retry.recipients).toBe(2);
    expect(readSettings(h.core.store, retry.campaignId)).toEqual({ otherFeature: { keep: true } });
    expect(await h.ok('campaigns.filter', { campaignId: retry.campaignId })).toMatchObject({
      filter: null,
      editable: true,
    });
  });

  it('never reads a damaged filter as "no filter", and reports columns a new audience lacks', async () => {
    h = await filterHarness();
    writeSetting(h.core.store, h.campaignId, 'filter', { root: 'garbage' }, 1);
    const state = await h.ok('campaigns.filter', { campaignId: h.campaignId });
    expect(state.problem).toMatch(/cannot be read.*Set the filter again/);
    expect(await h.ok('campaigns.filterCount', { campaignId: h.campaignId })).toMatchObject({
      filtered: true,
      matching: 0,
    });
    const check = await h.ok('campaigns.precheck', { campaignId: h.campaignId });
    expect(check.ok).toBe(false);
    expect(
      check.items
        .filter((i) => i.id === 'audience')
        .map((i) => i.message)
        .join(' '),
    ).toMatch(/cannot be read/);
    expect((await h.ok('campaigns.validate', { campaignId: h.campaignId })).checked).toBe(0);

    await h.setFilter([c('VIP', 'not_empty')]);
    await h.ok('audience.clear', { campaignId: h.campaignId });
    const state2 = await h.ok('campaigns.filter', { campaignId: h.campaignId });
    expect(state2.missingColumns).toEqual(['VIP']);
  });
});
