import type { Migration } from './types';

// Issue 17 item 2: deferred delivery for Meta's per-user marketing limit. A recipient WhatsApp
// refused for that limit (131049, or a held message dropped with 132015) goes back to `pending` with
// next_attempt_at a day later instead of failing: `limited_at` is when the last such answer came
// (null: never limited, so a pending row with it set is "Limited by WhatsApp — next try …"), and
// `deferrals` how many times it was, which bounds the retries by the campaign's days. The state
// CHECK is left alone (a rebuild of recipients for one more word would rewrite every row).
export const migration: Migration = {
  version: 200,
  name: 'deferred',
  sql: `
ALTER TABLE recipients ADD COLUMN limited_at INTEGER;
ALTER TABLE recipients ADD COLUMN deferrals INTEGER NOT NULL DEFAULT 0 CHECK (deferrals >= 0);
CREATE INDEX recipients_deferred ON recipients(campaign_id, next_attempt_at)
  WHERE state = 'pending' AND limited_at IS NOT NULL;
`,
};
