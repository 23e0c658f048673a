import type { Migration } from './types';

// Recurring campaigns from a segment (issue 18 item 4). A schedule keeps a copy of the settings of
// the campaign it was made from (account, template, mapping, pacing, quiet hours, marketing): each
// run makes its own campaign from them and from the segment as it is at run time. The copy (not a
// reference) lets the user delete or edit that campaign without changing the schedule.
// rule_json is { kind: 'daily'|'weekly'|'monthly', minute, weekday?, day? } in time_zone's wall
// clock; next_run_at is the next occurrence not yet handled (NULL once past until_at).
// A run is keyed by (schedule_id, due_at): the insert that claims an occurrence is the one that
// creates its campaign, in the same IMMEDIATE transaction, so a crash never runs it twice. state:
// 'creating' (campaign made, audience or start pending: resumed at the next start), 'started',
// 'skipped' (missed beyond the grace window, or a later run took its place) or 'failed' (reason
// says why: empty segment, template gone, …). owner is the process that claimed a 'creating' run.
export const migration: Migration = {
  version: 220,
  name: 'schedules',
  sql: `
CREATE TABLE schedules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  segment_id INTEGER NOT NULL,
  rule_json TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  grace_minutes INTEGER NOT NULL DEFAULT 360 CHECK (grace_minutes >= 0),
  source_campaign_id INTEGER,
  settings_json TEXT NOT NULL,
  paused_at INTEGER,
  next_run_at INTEGER,
  until_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE paused_at IS NULL AND next_run_at IS NOT NULL;
CREATE TABLE schedule_runs (
  id INTEGER PRIMARY KEY,
  schedule_id INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('creating', 'started', 'skipped', 'failed')),
  campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
  reason TEXT,
  owner TEXT,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  UNIQUE (schedule_id, due_at)
);
CREATE INDEX schedule_runs_creating ON schedule_runs (state) WHERE state = 'creating';
`,
};
