import { afterEach, describe, expect, it } from 'vitest';
import { claimDue } from '../../../electron/core/schedules/claim';
import { fillFromSegment } from '../../../electron/core/customers/fill';
import { createSegmentRepo } from '../../../electron/core/customers/segments';
import { phones } from '../sending/helpers';
import { callApi, scheduleWorld } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Monday 2 March 2026, 08:00 UTC = 09:00 in Paris (CET).
const T0 = Date.UTC(2026, 2, 2, 8, 0);
// "every day 10:00" in Paris: 09:00 UTC until the clocks change on 29 March.
const DUE1 = Date.UTC(2026, 2, 2, 9, 0);

type World = ReturnType<typeof scheduleWorld>;

async function setUp(w: World, opts: { graceMinutes?: number; members?: number } = {}) {
  const core = w.open();
  await w.customers(phones(opts.members ?? 2));
  const segment = await callApi(core, 'segments.create', { name: 'Everyone' });
  const source = await w.sourceCampaign();
  const schedule = await callApi(core, 'schedules.create', {
    name: 'Daily news',
    segmentId: segment.id,
    settingsFrom: source,
    rule: { kind: 'daily', minute: 600 },
    timeZone: 'Europe/Paris',
    ...(opts.graceMinutes !== undefined ? { graceMinutes: opts.graceMinutes } : {}),
  });
  return { schedule, segment, source };
}

describe('recurring campaigns from a segment (fake clock, restarts)', () => {
  const worlds: World[] = [];
  const world = () => {
    const w = scheduleWorld(T0);
    worlds.push(w);
    return w;
  };
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.cleanup();
  });

  it('each run makes its own campaign from the segment as it is then, named with its date, and starts it', async () => {
    const w = world();
    const { schedule } = await setUp(w);
    expect(schedule).toMatchObject({
      ruleText: 'every day at 10:00',
      nextRunAt: DUE1,
      graceMinutes: 360,
      templateName: 'order_confirmation',
      settingsFrom: { campaignName: 'Order reminder' },
    });
    await w.core().schedules.tick();
    expect(w.runs(schedule.id)).toEqual([]);

    w.setNow(DUE1 + 30_000);
    await w.core().schedules.tick();
    let made = w.campaignsNamed('Daily news');
    expect(made).toEqual([
      {
        id: expect.any(Number),
        name: 'Daily news — 2026-03-02',
        state: expect.any(String),
        recipients: 2,
      },
    ]);
    expect(made[0]?.state).not.toBe('draft');
    // The run copies the source's template and mapping.
    expect(
      w
        .core()
        .store.sqlite.prepare('SELECT template_name, mapping_json FROM campaigns WHERE id = ?')
        .get(made[0]?.id),
    ).toEqual({
      template_name: 'order_confirmation',
      mapping_json: expect.stringContaining('body.first_name'),
    });

    // A customer added after the first run is in the second: the segment is read at run time.
    await w.customers(phones(3));
    w.setNow(DUE1 + DAY + MIN);
    await w.core().schedules.tick();
    made = w.campaignsNamed('Daily news');
    expect(made.map((c) => [c.name, c.recipients])).toEqual([
      ['Daily news — 2026-03-02', 2],
      ['Daily news — 2026-03-03', 3],
    ]);
    const runs = await callApi(w.core(), 'schedules.runs', { id: schedule.id });
    expect(runs.map((r) => [r.state, r.campaignName, r.dueAt])).toEqual([
      ['started', 'Daily news — 2026-03-03', DUE1 + DAY],
      ['started', 'Daily news — 2026-03-02', DUE1],
    ]);
    const [listed] = await callApi(w.core(), 'schedules.list', {});
    expect(listed?.nextRunAt).toBe(DUE1 + 2 * DAY);
    expect(listed?.lastRuns).toHaveLength(2);
  });

  it('reads history conditions at run time: "no message in the last 60 days" leaves out who was messaged after the schedule was made', async () => {
    const w = world();
    const core = w.open();
    const [a, b, c] = phones(3) as [string, string, string];
    await w.customers([a, b, c]);
    const segment = await callApi(core, 'segments.create', {
      name: 'Quiet for 60 days',
      history: [{ kind: 'quiet', days: 60 }],
    });
    expect(segment.count.members).toBe(3);
    const schedule = await callApi(core, 'schedules.create', {
      name: 'Win-back',
      segmentId: segment.id,
      settingsFrom: await w.sourceCampaign(),
      rule: { kind: 'monthly', day: 2, minute: 600 },
      timeZone: 'Europe/Paris',
    });
    // Another campaign messages A after the schedule was made, an hour before the run.
    const other = await callApi(core, 'campaigns.create', { name: 'Flash sale' });
    core.store.sqlite
      .prepare(
        "INSERT INTO recipients (campaign_id, row_number, phone, fields_json, state, wamid, sent_at) VALUES (?, 2, ?, '{}', 'sent', 'w.a', ?)",
      )
      .run(other.id, a, DUE1 - HOUR);
    w.setNow(DUE1 + MIN);
    await core.schedules.tick();
    expect(w.runs(schedule.id).map((r) => r.state)).toEqual(['started']);
    const [made] = w.campaignsNamed('Win-back');
    expect(
      core.store.sqlite
        .prepare('SELECT phone FROM recipients WHERE campaign_id = ? ORDER BY phone')
        .all(made?.id),
    ).toEqual([{ phone: b }, { phone: c }]);
  });

  it('a run missed while the app was closed runs once at the next start within the grace window, never twice', async () => {
    const w = world();
    const { schedule } = await setUp(w);
    await w.close();

    // Opened 2 hours after 10:00, inside the 6 hours allowed.
    w.setNow(DUE1 + 2 * HOUR);
    w.open();
    await w.core().schedules.tick();
    await w.core().schedules.tick();
    expect(w.runs(schedule.id).map((r) => r.state)).toEqual(['started']);
    await w.close();

    // Quit and restarted at the same instant: the run is on record, nothing is sent again.
    w.open();
    await w.core().schedules.tick();
    expect(w.runs(schedule.id)).toHaveLength(1);
    expect(w.campaignsNamed('Daily news')).toHaveLength(1);
    await w.close();

    // The next day the app opens 7 hours late: skipped, with the reason, and no campaign.
    w.setNow(DUE1 + DAY + 7 * HOUR);
    w.open();
    await w.core().schedules.tick();
    const runs = w.runs(schedule.id);
    expect(runs.map((r) => [r.due_at, r.state, r.campaign_id])).toEqual([
      [DUE1, 'started', expect.any(Number)],
      [DUE1 + DAY, 'skipped', null],
    ]);
    expect(runs[1]?.reason).toBe(
      'Missed: Campaign Desk was not running at the time, and it started 7 hours late, past the 6 hours allowed.',
    );
    expect(w.campaignsNamed('Daily news')).toHaveLength(1);
    const [listed] = await callApi(w.core(), 'schedules.list', {});
    expect(listed?.nextRunAt).toBe(DUE1 + 2 * DAY);
  });

  it('after days closed: the runs past the grace window are skipped, the latest inside it runs alone', async () => {
    const w = world();
    const { schedule } = await setUp(w, { graceMinutes: 3 * 24 * 60 });
    await w.close();
    // Closed for three occurrences; all within three days, only the latest goes out.
    w.setNow(DUE1 + 2 * DAY + HOUR);
    w.open();
    await w.core().schedules.tick();
    const runs = w.runs(schedule.id);
    expect(runs.map((r) => r.state)).toEqual(['skipped', 'skipped', 'started']);
    expect(runs[0]?.reason).toBe(
      'Missed while Campaign Desk was not running; the later run that was also due went out instead.',
    );
    expect(w.campaignsNamed('Daily news').map((c) => c.name)).toEqual(['Daily news — 2026-03-04']);
  });

  it('a crash after the campaign was created, or after its audience was written, resumes the run at the next start without a second campaign', async () => {
    const w = world();
    const { schedule, segment } = await setUp(w);
    w.setNow(DUE1 + MIN);
    // The claim's transaction made the campaign and the run, then the process "died".
    const claim = claimDue(w.core().store, schedule.id, `${process.pid}-crashed`, DUE1 + MIN);
    expect(claim.kind).toBe('run');
    await w.close();
    w.open();
    await w.core().schedules.tick();
    expect(w.runs(schedule.id).map((r) => r.state)).toEqual(['started']);
    expect(w.campaignsNamed('Daily news')).toEqual([
      expect.objectContaining({ name: 'Daily news — 2026-03-02', recipients: 2 }),
    ]);
    expect(w.campaignsNamed('Daily news')[0]?.state).not.toBe('draft');

    // Next day: the audience was written too before the crash; it is not written twice.
    w.setNow(DUE1 + DAY + MIN);
    const second = claimDue(
      w.core().store,
      schedule.id,
      `${process.pid}-crashed-2`,
      DUE1 + DAY + MIN,
    );
    if (second.kind !== 'run') throw new Error(`expected a run, got ${second.kind}`);
    const repo = createSegmentRepo(w.core().store, () => DUE1 + DAY + MIN);
    fillFromSegment(
      w.core().store.sqlite,
      second.campaignId,
      repo.get(segment.id),
      DUE1 + DAY + MIN,
    );
    await w.close();
    w.open();
    await w.core().schedules.tick();
    await w.core().schedules.tick();
    expect(w.campaignsNamed('Daily news').map((c) => [c.name, c.recipients])).toEqual([
      ['Daily news — 2026-03-02', 2],
      ['Daily news — 2026-03-03', 2],
    ]);
    expect(w.runs(schedule.id).map((r) => r.state)).toEqual(['started', 'started']);
  });

  it('an occurrence is claimed once: a second claim of the same due time does nothing', async () => {
    const w = world();
    const { schedule } = await setUp(w);
    w.setNow(DUE1 + MIN);
    const store = w.core().store;
    expect(claimDue(store, schedule.id, 'a', DUE1 + MIN).kind).toBe('run');
    expect(claimDue(store, schedule.id, 'b', DUE1 + MIN).kind).toBe('none');
    // Even with next_run_at put back (a process that read it before the first claim committed).
    store.sqlite
      .prepare('UPDATE schedules SET next_run_at = ? WHERE id = ?')
      .run(DUE1, schedule.id);
    expect(claimDue(store, schedule.id, 'c', DUE1 + MIN).kind).toBe('none');
    expect(w.campaignsNamed('Daily news')).toHaveLength(1);
  });

  it('paused schedules do not run; resuming starts from the next occurrence, not the missed ones', async () => {
    const w = world();
    const { schedule } = await setUp(w);
    await callApi(w.core(), 'schedules.pause', { id: schedule.id });
    w.setNow(DUE1 + HOUR);
    await w.core().schedules.tick();
    expect(w.runs(schedule.id)).toEqual([]);
    const resumed = await callApi(w.core(), 'schedules.resume', { id: schedule.id });
    expect(resumed).toMatchObject({ paused: false, nextRunAt: DUE1 + DAY });
    await w.core().schedules.tick();
    expect(w.runs(schedule.id)).toEqual([]);
    expect(await callApi(w.core(), 'schedules.delete', { id: schedule.id })).toEqual({
      deleted: true,
    });
    expect(await callApi(w.core(), 'schedules.list', {})).toEqual([]);
  });

  it('a run with nobody in the segment is recorded as failed with words, its draft kept', async () => {
    const w = world();
    const core = w.open();
    const segment = await callApi(core, 'segments.create', { name: 'Nobody' });
    const source = await w.sourceCampaign();
    const schedule = await callApi(core, 'schedules.create', {
      name: 'Empty',
      segmentId: segment.id,
      settingsFrom: source,
      rule: { kind: 'weekly', weekday: 1, minute: 600 },
      timeZone: 'Europe/Paris',
    });
    w.setNow(DUE1 + MIN);
    await core.schedules.tick();
    const [run] = w.runs(schedule.id);
    expect(run?.state).toBe('failed');
    expect(run?.reason).toMatch(/^Not sent: /);
    expect(w.campaignsNamed('Empty')).toEqual([
      expect.objectContaining({ state: 'draft', recipients: 0 }),
    ]);
  });

  it('refuses a source campaign without a template, an unknown zone, and a missing segment, in words', async () => {
    const w = world();
    const core = w.open();
    const segment = await callApi(core, 'segments.create', { name: 'Everyone' });
    const bare = await callApi(core, 'campaigns.create', { name: 'Bare' });
    const input = {
      name: 'X',
      segmentId: segment.id,
      settingsFrom: bare.id,
      rule: { kind: 'daily' as const, minute: 600 },
      timeZone: 'Europe/Paris',
    };
    await expect(callApi(core, 'schedules.create', input)).rejects.toThrow(/has no template yet/);
    await expect(
      callApi(core, 'schedules.create', { ...input, timeZone: 'Mars/Olympus' }),
    ).rejects.toThrow(/IANA time zone/);
    await expect(
      callApi(core, 'schedules.create', {
        ...input,
        segmentId: 999,
        settingsFrom: await w.sourceCampaign(),
      }),
    ).rejects.toThrow(/Segment 999 does not exist/);
  });
});
