import type { Migration } from './types';

// Template analytics (issue 6 item 3): Meta's own daily aggregates per template, kept as fetched and
// keyed as Meta reports them (account, template, UTC day), so a re-fetch replaces a day in place.
// sent/delivered/read are NULL when Meta did not report that metric. analytics_accounts holds, per
// account, the user's on/off (NULL = the default), what Meta said about insights, and the poller's
// health; analytics_campaigns when each campaign's days were fetched and are due again, so polling
// survives restarts.
export const migration: Migration = {
  version: 90,
  name: 'analytics',
  sql: `
CREATE TABLE template_analytics (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  template_meta_id TEXT NOT NULL,
  -- Unix ms of 00:00 UTC: Meta's days are UTC days.
  day_start INTEGER NOT NULL,
  sent INTEGER,
  delivered INTEGER,
  read INTEGER,
  clicked_json TEXT NOT NULL DEFAULT '[]',
  cost_json TEXT NOT NULL DEFAULT '[]',
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, template_meta_id, day_start)
) WITHOUT ROWID;

CREATE TABLE analytics_accounts (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  polling INTEGER,
  meta_state TEXT NOT NULL DEFAULT 'unknown' CHECK (meta_state IN ('unknown', 'enabled', 'not_enabled', 'unsupported')),
  enabled_at INTEGER,
  budget_per_hour INTEGER,
  last_poll_at INTEGER,
  last_success_at INTEGER,
  last_error TEXT,
  last_error_at INTEGER,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  next_poll_at INTEGER,
  calls_window_start INTEGER,
  calls_in_window INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE analytics_campaigns (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  fetched_at INTEGER,
  -- The UTC days the last successful fetch covered (day starts, Unix ms, both inclusive).
  fetched_from INTEGER,
  fetched_to INTEGER,
  next_fetch_at INTEGER
);
`,
};
