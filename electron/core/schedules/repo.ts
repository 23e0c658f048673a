import type { Selectable } from 'kysely';
import { CoreError, type ParsedInput, type Schedule, type ScheduleRun } from '../../../shared/api';
import { describeRule, nextOccurrence, scheduleRule } from '../../../shared/domain/schedule';
import type { Store } from '../db/connection';
import type { SchedulesTable } from '../db/schema';
import { copySettings, readCopiedSettings } from './settings';

type Row = Selectable<SchedulesTable>;

const LAST_RUNS = 5;

/** The rule stored by create(); a damaged one stops the schedule instead of guessing. */
export function readRule(json: string) {
  try {
    const r = scheduleRule.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The first occurrence after `after` that is not past `until`; null when there is none. */
export function nextDue(row: Pick<Row, 'rule_json' | 'time_zone' | 'until_at'>, after: number) {
  const rule = readRule(row.rule_json);
  if (!rule) return null;
  const at = nextOccurrence(rule, row.time_zone, after);
  return row.until_at !== null && at > row.until_at ? null : at;
}

export function createScheduleRepo(store: Store, now: () => number) {
  const db = store.sqlite;
  const row = (id: number): Row => {
    const r = store.first(store.q.selectFrom('schedules').selectAll().where('id', '=', id));
    if (!r) throw new CoreError('NOT_FOUND', `Schedule ${id} does not exist.`);
    return r;
  };
  const runsOf = db.prepare(
    `SELECT r.id, r.schedule_id, r.due_at, r.state, r.campaign_id, r.reason, r.finished_at,
            c.name AS campaign_name, c.state AS campaign_state
       FROM schedule_runs r LEFT JOIN campaigns c ON c.id = r.campaign_id
      WHERE r.schedule_id = ? ORDER BY r.due_at DESC LIMIT ?`,
  );
  const runs = (id: number, limit: number): ScheduleRun[] =>
    (runsOf.all(id, limit) as RunRow[]).map(toRun);
  const view = (r: Row): Schedule => {
    const rule = readRule(r.rule_json) ?? { kind: 'daily' as const, minute: 0 };
    const settings = readCopiedSettings(r.settings_json);
    const names = db
      .prepare(
        `SELECT (SELECT name FROM segments WHERE id = ?) AS segment,
                (SELECT name FROM campaigns WHERE id = ?) AS campaign`,
      )
      .get(r.segment_id, r.source_campaign_id) as {
      segment: string | null;
      campaign: string | null;
    };
    return {
      id: r.id,
      name: r.name,
      segmentId: r.segment_id,
      segmentName: names.segment,
      rule,
      ruleText: describeRule(rule),
      timeZone: r.time_zone,
      graceMinutes: r.grace_minutes,
      settingsFrom: { campaignId: r.source_campaign_id, campaignName: names.campaign },
      templateName: settings?.templateName ?? null,
      accountId: settings?.accountId ?? 0,
      paused: r.paused_at !== null,
      nextRunAt: r.paused_at !== null ? null : r.next_run_at,
      until: r.until_at,
      createdAt: r.created_at,
      lastRuns: runs(r.id, LAST_RUNS),
    };
  };
  const setPaused = (id: number, paused: boolean): Schedule => {
    store.tx(() => {
      const r = row(id);
      const t = now();
      // Resuming starts from the next occurrence after now: what fell due while paused is not sent.
      const next = paused ? r.next_run_at : nextDue(r, t);
      store.run(
        store.q
          .updateTable('schedules')
          .set({ paused_at: paused ? (r.paused_at ?? t) : null, next_run_at: next, updated_at: t })
          .where('id', '=', id),
      );
    });
    return view(row(id));
  };
  return {
    create(input: ParsedInput<'schedules.create'>): Schedule {
      const t = now();
      const id = store.tx(() => {
        if (
          !store.first(
            store.q.selectFrom('segments').select('id').where('id', '=', input.segmentId),
          )
        )
          throw new CoreError('NOT_FOUND', `Segment ${input.segmentId} does not exist.`);
        const settings = copySettings(store, input.settingsFrom);
        const fields = {
          rule_json: JSON.stringify(input.rule),
          time_zone: input.timeZone,
          until_at: input.until,
        };
        const next = nextDue(fields, t);
        if (next === null)
          throw new CoreError(
            'VALIDATION',
            'This schedule would never run: its end date comes before its first run.',
          );
        return store.run(
          store.q.insertInto('schedules').values({
            name: input.name,
            segment_id: input.segmentId,
            ...fields,
            grace_minutes: input.graceMinutes,
            source_campaign_id: input.settingsFrom,
            settings_json: JSON.stringify(settings),
            paused_at: null,
            next_run_at: next,
            created_at: t,
            updated_at: t,
          }),
        ).lastInsertRowid;
      });
      return view(row(Number(id)));
    },
    list: (): Schedule[] =>
      store.all(store.q.selectFrom('schedules').selectAll().orderBy('id')).map(view),
    get: (id: number) => view(row(id)),
    pause: (id: number) => setPaused(id, true),
    resume: (id: number) => setPaused(id, false),
    delete(id: number): { deleted: boolean } {
      row(id);
      // The runs go with it (ON DELETE CASCADE); the campaigns they made stay, with their reports.
      const n = store.tx(
        () => store.run(store.q.deleteFrom('schedules').where('id', '=', id)).changes,
      );
      return { deleted: n > 0 };
    },
    runs: (id: number, limit: number) => (row(id), runs(id, limit)),
  };
}

interface RunRow {
  id: number;
  schedule_id: number;
  due_at: number;
  state: ScheduleRun['state'];
  campaign_id: number | null;
  reason: string | null;
  finished_at: number | null;
  campaign_name: string | null;
  campaign_state: string | null;
}

const toRun = (r: RunRow): ScheduleRun => ({
  id: r.id,
  scheduleId: r.schedule_id,
  dueAt: r.due_at,
  state: r.state,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  campaignState: r.campaign_state,
  reason: r.reason,
  finishedAt: r.finished_at,
});
