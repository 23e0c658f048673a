import type { Migration } from './types';

export const migration: Migration = {
  version: 10,
  name: 'initial',
  sql: `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sandbox', 'cloud')),
  phone_number_id TEXT NOT NULL,
  waba_id TEXT NOT NULL,
  display_phone_number TEXT,
  default_country TEXT,
  graph_version TEXT NOT NULL DEFAULT 'v23.0',
  base_url TEXT NOT NULL,
  -- The token itself never lives here: the app keeps it in the OS keychain (token_ref),
  -- the headless shell reads it from the environment variable named in token_env.
  token_env TEXT,
  token_ref TEXT,
  rate_per_second INTEGER NOT NULL DEFAULT 80 CHECK (rate_per_second BETWEEN 1 AND 1000),
  max_in_flight INTEGER NOT NULL DEFAULT 32 CHECK (max_in_flight BETWEEN 1 AND 1000),
  messaging_limit INTEGER CHECK (messaging_limit IS NULL OR messaging_limit > 0),
  templates_synced_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (phone_number_id, base_url)
);

CREATE TABLE templates (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  meta_id TEXT,
  name TEXT NOT NULL,
  language TEXT NOT NULL,
  status TEXT NOT NULL,
  category TEXT NOT NULL,
  sub_category TEXT,
  parameter_format TEXT NOT NULL DEFAULT 'POSITIONAL' CHECK (parameter_format IN ('POSITIONAL', 'NAMED')),
  -- Components exactly as Meta returns them, so nothing is lost in translation.
  components_json TEXT NOT NULL,
  quality_score TEXT,
  source TEXT NOT NULL CHECK (source IN ('sync', 'manual')),
  synced_at INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (account_id, name, language)
);

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft'
    CHECK (state IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')),
  pause_code TEXT,
  pause_reason TEXT,
  template_id INTEGER REFERENCES templates(id) ON DELETE SET NULL,
  -- Name and language are kept as well so a mapping survives a template row being re-synced.
  template_name TEXT,
  template_language TEXT,
  mapping_json TEXT,
  settings_json TEXT NOT NULL DEFAULT '{}',
  columns_json TEXT NOT NULL DEFAULT '[]',
  default_country TEXT,
  parent_campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
  scheduled_at INTEGER,
  started_at INTEGER,
  completed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX campaigns_account ON campaigns(account_id);

CREATE TABLE recipients (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  phone TEXT NOT NULL,
  country TEXT,
  phone_type TEXT,
  fields_json TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'unknown', 'expired')),
  skip_reason TEXT,
  variant TEXT,
  wamid TEXT,
  wa_id TEXT,
  error_code INTEGER,
  error_title TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  sending_at INTEGER,
  sent_at INTEGER,
  delivered_at INTEGER,
  read_at INTEGER,
  failed_at INTEGER,
  -- Meta's timestamp of the newest status applied, for ordering out-of-order observations.
  status_ts INTEGER,
  UNIQUE (campaign_id, phone)
);
CREATE INDEX recipients_campaign_state ON recipients(campaign_id, state, id);
CREATE UNIQUE INDEX recipients_wamid ON recipients(wamid) WHERE wamid IS NOT NULL;

CREATE TABLE status_events (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  wamid TEXT,
  status TEXT,
  meta_ts INTEGER,
  recipient_id INTEGER REFERENCES recipients(id) ON DELETE SET NULL,
  payload_json TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX status_events_wamid ON status_events(wamid, status);

CREATE TABLE suppression (
  phone TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  detail TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);
`,
};
