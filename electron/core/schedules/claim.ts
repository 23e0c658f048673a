import type { Selectable } from 'kysely';
import type { Store } from '../db/connection';
import type { SchedulesTable } from '../db/schema';
import { localTime } from '../../../shared/domain/pacing/zone-time';
import { nextDue } from './repo';
import { insertRunCampaign, readCopiedSettings } from './settings';

type ScheduleRow = Selectable<SchedulesTable>;

/** What claiming one occurrence decided. */
export type Claim =
  | { kind: 'none' }
  | { kind: 'skipped'; runId: number }
  | { kind: 'failed'; runId: number }
  | { kind: 'run'; runId: number; campaignId: number };

function hours(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const h = minutes / 60;
  return h === 1 ? '1 hour' : `${h} hours`;
}

function lateBy(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const h = Math.round(minutes / 60);
  if (h < 48) return `${h} hours`;
  return `${Math.round(h / 24)} days`;
}

/** "Weekly offer — 2026-12-14": the day of the run on the schedule's own clock. */
export function runName(name: string, zone: string, dueAt: number): string {
  const t = localTime(zone, dueAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${name} — ${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** Why this occurrence is not sent, or null when it runs now. */
function skipReason(
  s: ScheduleRow,
  dueAt: number,
  next: number | null,
  now: number,
): string | null {
  const late = now - dueAt;
  if (late > s.grace_minutes * 60_000)
    return `Missed: Campaign Desk was not running at the time, and it started ${lateBy(late)} late, past the ${hours(s.grace_minutes)} allowed.`;
  if (next !== null && next <= now)
    return 'Missed while Campaign Desk was not running; the later run that was also due went out instead.';
  return null;
}

/**
 * Claims the schedule's due occurrence in one IMMEDIATE transaction: the run row (unique per
 * schedule and due time), its campaign when it runs, and the schedule's next occurrence are
 * written together, so a crash leaves either none of them or all three (and the run is resumed,
 * never done again). Another process that claimed it first leaves nothing to do here.
 */
export function claimDue(store: Store, scheduleId: number, owner: string, now: number): Claim {
  return store.tx((): Claim => {
    const s = store.first(store.q.selectFrom('schedules').selectAll().where('id', '=', scheduleId));
    if (!s || s.paused_at !== null || s.next_run_at === null || s.next_run_at > now)
      return { kind: 'none' };
    const dueAt = s.next_run_at;
    let next: number | null;
    try {
      next = nextDue(s, dueAt);
    } catch {
      next = null; // a zone this runtime no longer knows: stop rather than guess (the run says why)
    }
    store.run(
      store.q
        .updateTable('schedules')
        .set({ next_run_at: next, updated_at: now })
        .where('id', '=', s.id),
    );
    const record = (
      state: 'skipped' | 'failed' | 'creating',
      reason: string | null,
      campaignId: number | null,
    ) =>
      Number(
        store.run(
          store.q
            .insertInto('schedule_runs')
            .values({
              schedule_id: s.id,
              due_at: dueAt,
              state,
              campaign_id: campaignId,
              reason,
              owner: state === 'creating' ? owner : null,
              created_at: now,
              finished_at: state === 'creating' ? null : now,
            })
            .onConflict((oc) => oc.columns(['schedule_id', 'due_at']).doNothing()),
        ).lastInsertRowid,
      );
    const exists = store.first(
      store.q
        .selectFrom('schedule_runs')
        .select('id')
        .where('schedule_id', '=', s.id)
        .where('due_at', '=', dueAt),
    );
    if (exists) return { kind: 'none' };
    const skip = skipReason(s, dueAt, next, now);
    if (skip) return { kind: 'skipped', runId: record('skipped', skip, null) };
    const settings = readCopiedSettings(s.settings_json);
    const segment = store.first(
      store.q.selectFrom('segments').select('id').where('id', '=', s.segment_id),
    );
    const problem = !segment
      ? 'Not sent: the segment of this schedule was deleted.'
      : !settings
        ? 'Not sent: the copied campaign settings are damaged; make the schedule again.'
        : null;
    if (problem || !settings) return { kind: 'failed', runId: record('failed', problem, null) };
    const campaignId = insertRunCampaign(store, settings, runName(s.name, s.time_zone, dueAt), now);
    return { kind: 'run', runId: record('creating', null, campaignId), campaignId };
  });
}
