import type { Migration } from './types';

// Imports write in chunks of short transactions (issue 14): a batch's rows are in `recipients`
// from its first chunk, but stay invisible until the batch is published, which deletes its
// `import_batches` row in one short transaction. Rows of a published import keep their batch id
// (0 for rows older than this migration), so no row is ever rewritten to become visible.
// The unique (campaign_id, phone) key still sees staged rows, so deduplication works as before.
// A campaign cannot leave draft while one of its imports is staged: the rows of a batch only
// ever exist in a draft campaign, and the sender, status and reports never meet them.
export const migration: Migration = {
  version: 100,
  name: 'import_batches',
  sql: `
ALTER TABLE recipients ADD COLUMN import_batch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY REFERENCES imports(id) ON DELETE CASCADE,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  -- "<pid>-<random>" of the process whose worker writes it: a dead owner's batch is removed at start.
  owner TEXT NOT NULL,
  -- Recipients are appended, so every row of the batch has an id at or above this one.
  first_recipient_id INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
CREATE INDEX import_batches_campaign ON import_batches(campaign_id);

CREATE TRIGGER campaigns_stay_draft_while_importing
BEFORE UPDATE OF state ON campaigns
WHEN OLD.state = 'draft' AND NEW.state <> 'draft'
  AND EXISTS (SELECT 1 FROM import_batches WHERE campaign_id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'An import into this campaign is still running. Wait for it to finish, or cancel it, and try again.');
END;
`,
};
