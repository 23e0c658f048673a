import { createHash } from 'node:crypto';
import { heldMessages, portfolioLimits } from './migrations-2026';

/**
 * Ordered, immutable schema migrations. Versions go in steps of 10 so a fix can slot in
 * between two released ones. Once a migration has shipped, never edit it: add a new one.
 * The checksum of each applied migration is recorded and verified at start-up.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const initial = `
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
`;

// Audience imports: one row per import that landed (imports are atomic, so there is no
// "running" state on disk), and every rejected row kept whole for the fix-and-reimport CSV.
const imports = `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding TEXT,
  delimiter TEXT,
  has_header INTEGER NOT NULL,
  phone_column TEXT NOT NULL,
  default_country TEXT,
  summary_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX imports_campaign ON imports(campaign_id, id);

CREATE TABLE import_rejects (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  raw_value TEXT NOT NULL,
  problem TEXT NOT NULL,
  reason TEXT NOT NULL,
  fields_json TEXT NOT NULL
);
CREATE INDEX import_rejects_import ON import_rejects(import_id, row_number);
`;

// Sending: the moving 24-hour window needs sends by time; media ids are reused for 30 days;
// one process at a time sends for an account (the app, the browser shell or the CLI).
const sending = `
CREATE INDEX recipients_sent_at ON recipients(sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX recipients_due ON recipients(campaign_id, next_attempt_at) WHERE state = 'pending';

CREATE TABLE media_uploads (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source_key TEXT NOT NULL,
  media_id TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  UNIQUE (account_id, source_key)
);

CREATE TABLE sender_leases (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`;

// Status reconciliation (issue 6). Idempotency without a random-order index on the hot path: a
// status for one of our recipients is a duplicate when its bit is already in recipients.status_seen
// (the row is read anyway); everything else (statuses we cannot match yet, template events, opt-outs,
// replies) is refused by the unique partial index on status_events.dedupe_key. The recipient_id index
// keeps the foreign key cheap when recipients are deleted. The other partial indexes hold only the few
// unmatched events and the recipients still waiting at `sent` (for the TTL expiry).
// status_sources: per account and source, its settings, cursor and health, so polling survives restarts.
const status = `
ALTER TABLE status_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'
  CHECK (kind IN ('status', 'template', 'preference', 'inbound'));
ALTER TABLE status_events ADD COLUMN dedupe_key TEXT;
ALTER TABLE status_events ADD COLUMN callback TEXT;
DROP INDEX status_events_wamid;
CREATE UNIQUE INDEX status_events_key ON status_events(dedupe_key) WHERE recipient_id IS NULL;
CREATE INDEX status_events_recipient ON status_events(recipient_id);
CREATE INDEX status_events_unmatched ON status_events(received_at) WHERE recipient_id IS NULL AND kind = 'status';
CREATE INDEX status_events_unmatched_callback ON status_events(callback) WHERE recipient_id IS NULL AND callback IS NOT NULL;

-- Bits of the statuses applied: 1 sent, 2 delivered, 4 read, 8 failed (with Meta's code), 16 failed (words only).
ALTER TABLE recipients ADD COLUMN status_seen INTEGER NOT NULL DEFAULT 0;
CREATE INDEX recipients_wa_id ON recipients(wa_id) WHERE wa_id IS NOT NULL;
CREATE INDEX recipients_awaiting ON recipients(sent_at) WHERE state = 'sent';

CREATE TABLE status_sources (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('relay', 'sandbox', 'history')),
  enabled INTEGER NOT NULL DEFAULT 1,
  -- relay: the relay's base URL and the NAME of the environment variable holding its read token.
  url TEXT,
  token_env TEXT,
  -- history: calls per hour the user allows.
  budget_per_hour INTEGER,
  cursor TEXT,
  -- What the cursor belongs to (the embedded sandbox's address changes on every start).
  cursor_scope TEXT,
  last_poll_at INTEGER,
  last_success_at INTEGER,
  last_error TEXT,
  last_error_at INTEGER,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  next_poll_at INTEGER,
  calls_window_start INTEGER,
  calls_in_window INTEGER NOT NULL DEFAULT 0,
  observations_total INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, source)
);
`;

// Pacing (issue 9): the frequency cap asks, for each recipient about to be sent, whether that phone
// was sent anything recently (phone first, then time, only rows that were sent); quiet hours claim
// the recipients of the countries that are awake, so pending recipients are indexed by country; and
// each account gets default quiet hours ("HH:MM" local time, both or neither) for its new campaigns.
const pacing = `
CREATE INDEX recipients_phone_sent ON recipients(phone, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX recipients_pending_country ON recipients(campaign_id, country) WHERE state = 'pending';
ALTER TABLE accounts ADD COLUMN quiet_from TEXT CHECK (quiet_from IS NULL OR quiet_from GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE accounts ADD COLUMN quiet_to TEXT CHECK (quiet_to IS NULL OR quiet_to GLOB '[0-2][0-9]:[0-5][0-9]');
`;

// A/B variants (issue 9): the comparison counts recipients by (variant, state) and sent_at, and a split
// edited in a draft clears assignments left by a start that did not go through. This partial index covers
// both from the index alone, and only campaigns that are split pay for it.
const variants = `
CREATE INDEX recipients_variant ON recipients(campaign_id, variant, state, sent_at) WHERE variant IS NOT NULL;
`;

// Opt-outs (issue 9): where a number came from in full (what the customer wrote, the message and
// campaign it answered, the account, Meta's time), newest-first paging over 100,000s of rows, and a
// record of every number taken off the list by hand, since lifting an opt-out is the one thing a
// business must be able to account for. campaign_id and account_id are plain numbers, not foreign
// keys: a deleted campaign must never take an opt-out with it, and the list shows "a deleted campaign".
const suppression = `
ALTER TABLE suppression ADD COLUMN words TEXT;
ALTER TABLE suppression ADD COLUMN wamid TEXT;
ALTER TABLE suppression ADD COLUMN campaign_id INTEGER;
ALTER TABLE suppression ADD COLUMN account_id INTEGER;
ALTER TABLE suppression ADD COLUMN event_at INTEGER;
CREATE INDEX suppression_newest ON suppression(created_at, phone);

CREATE TABLE suppression_removals (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  detail TEXT,
  words TEXT,
  added_at INTEGER NOT NULL,
  note TEXT,
  removed_at INTEGER NOT NULL
);
CREATE INDEX suppression_removals_newest ON suppression_removals(removed_at, id);
`;

// Template analytics (issue 6 item 3): Meta's own daily aggregates per template, kept as fetched and
// keyed as Meta reports them (account, template, UTC day), so a re-fetch replaces a day in place.
// sent/delivered/read are NULL when Meta did not report that metric. analytics_accounts holds, per
// account, the user's on/off (NULL = the default), what Meta said about insights, and the poller's
// health; analytics_campaigns when each campaign's days were fetched and are due again, so polling
// survives restarts.
const analytics = `
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
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', sql: initial },
  { version: 20, name: 'imports', sql: imports },
  { version: 40, name: 'sending', sql: sending },
  { version: 50, name: 'status', sql: status },
  { version: 60, name: 'pacing', sql: pacing },
  { version: 70, name: 'variants', sql: variants },
  { version: 80, name: 'suppression', sql: suppression },
  { version: 90, name: 'analytics', sql: analytics },
  // One migration for issue 16 (steps of 10; the two parts are documented in migrations-2026.ts).
  { version: 140, name: 'portfolio-limits-held-user-ids', sql: portfolioLimits + heldMessages },
];

export function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex').slice(0, 16);
}

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
