import type { Migration } from './types';

// Sending: the moving 24-hour window needs sends by time; media ids are reused for 30 days;
// one process at a time sends for an account (the app, the browser shell or the CLI).
export const migration: Migration = {
  version: 40,
  name: 'sending',
  sql: `
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
`,
};
