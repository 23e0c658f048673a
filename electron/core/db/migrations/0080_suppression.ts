import type { Migration } from './types';

// Opt-outs (issue 9): where a number came from in full (what the customer wrote, the message and
// campaign it answered, the account, Meta's time), newest-first paging over 100,000s of rows, and a
// record of every number taken off the list by hand, since lifting an opt-out is the one thing a
// business must be able to account for. campaign_id and account_id are plain numbers, not foreign
// keys: a deleted campaign must never take an opt-out with it, and the list shows "a deleted campaign".
export const migration: Migration = {
  version: 80,
  name: 'suppression',
  sql: `
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
`,
};
