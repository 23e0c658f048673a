import {
  scheduleCreateInput,
  scheduleIdInput,
  scheduleRunsInput,
  type Schedule,
  type ScheduleRun,
} from '../schedules';
import { method } from './define';
import { z } from 'zod';

const none = z.object({}).strict();

export const scheduleMethods = {
  /** A recurring campaign from a segment, with the settings of an existing campaign. */
  'schedules.create': method<typeof scheduleCreateInput, Schedule>(scheduleCreateInput),
  'schedules.list': method<typeof none, Schedule[]>(none),
  'schedules.pause': method<typeof scheduleIdInput, Schedule>(scheduleIdInput),
  /** Resumes from the next occurrence after now: what was due while paused is not sent. */
  'schedules.resume': method<typeof scheduleIdInput, Schedule>(scheduleIdInput),
  /** Deletes the schedule and its run history; the campaigns it made stay. */
  'schedules.delete': method<typeof scheduleIdInput, { deleted: boolean }>(scheduleIdInput),
  'schedules.runs': method<typeof scheduleRunsInput, ScheduleRun[]>(scheduleRunsInput),
};
