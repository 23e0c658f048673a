import { z } from 'zod';
import { scheduleRule, type ScheduleRule } from '../domain/schedule/rule';
import { id } from './models';
import { isTimeZone } from './reports';

/** Recurring campaigns from a segment (issue 18 item 4). */

/** The longest grace window: a week (a run later than that is a different week's message). */
export const MAX_GRACE_MINUTES = 7 * 24 * 60;
export const DEFAULT_GRACE_MINUTES = 6 * 60;

export const scheduleCreateInput = z
  .object({
    name: z.string().trim().min(1, 'Name the schedule.').max(100),
    segmentId: id,
    /** The campaign whose settings each run copies: account, template, mapping, pacing, quiet hours, marketing. */
    settingsFrom: id,
    rule: scheduleRule,
    timeZone: z
      .string()
      .min(1)
      .max(100)
      .refine(isTimeZone, 'Use an IANA time zone such as Europe/Berlin.'),
    /** How late a run missed while the app was closed may still go out. */
    graceMinutes: z.number().int().min(0).max(MAX_GRACE_MINUTES).default(DEFAULT_GRACE_MINUTES),
    /** No run after this instant (Unix ms); none when absent. */
    until: z.number().int().positive().nullable().default(null),
  })
  .strict();

export const scheduleIdInput = z.object({ id }).strict();

export const scheduleRunsInput = z
  .object({ id, limit: z.number().int().min(1).max(500).default(50) })
  .strict();

export type ScheduleRunState = 'creating' | 'started' | 'skipped' | 'failed';

export interface ScheduleRun {
  id: number;
  scheduleId: number;
  /** The occurrence this run is for (Unix ms). */
  dueAt: number;
  /** creating: its campaign is being made (resumed at the next start if the app stopped). */
  state: ScheduleRunState;
  campaignId: number | null;
  campaignName: string | null;
  /** The campaign's own state (sending, completed, …), null when it was deleted. */
  campaignState: string | null;
  /** Why a run was skipped or failed, in the owner's words. */
  reason: string | null;
  finishedAt: number | null;
}

export interface Schedule {
  id: number;
  name: string;
  segmentId: number;
  /** Null when the segment was deleted: the runs fail until the schedule is deleted. */
  segmentName: string | null;
  rule: ScheduleRule;
  /** "every Monday at 10:00" */
  ruleText: string;
  timeZone: string;
  graceMinutes: number;
  settingsFrom: { campaignId: number | null; campaignName: string | null };
  templateName: string | null;
  accountId: number;
  paused: boolean;
  /** The next run (Unix ms); null when paused or past `until`. */
  nextRunAt: number | null;
  until: number | null;
  createdAt: number;
  /** The latest runs, newest first (at most 5). */
  lastRuns: ScheduleRun[];
}
