import type { Migration } from './types';

// Status reconciliation (issue 6). Idempotency without a random-order index on the hot path: a
// status for one of our recipients is a duplicate when its bit is already in recipients.status_seen
// (the row is read anyway); everything else (statuses we cannot match yet, template events, opt-outs,
// replies) is refused by the unique partial index on status_events.dedupe_key. The recipient_id index
// keeps the foreign key cheap when recipients are deleted. The other partial indexes hold only the few
// unmatched events and the recipients still waiting at `sent` (for the TTL expiry).
// status_sources: per account and source, its settings, cursor and health, so polling survives restarts.
export const migration: Migration = {
  version: 50,
  name: 'status',
  sql: `
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
`,
};
