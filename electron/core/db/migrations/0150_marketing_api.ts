import type { Migration } from './types';

// Issue 17 item 1: the sending method of marketing templates per account. `marketing_api`: on
// (always /marketing_messages), off (always /messages), auto (the Marketing Messages API once Meta
// says the WABA is onboarded, marketing_messages_onboarding_status = ONBOARDED). Existing accounts
// get auto, so nothing changes for them until a check finds them onboarded. `mm_policy` is the
// product_policy each MM send carries: fallback = CLOUD_API_FALLBACK (Meta's default), strict =
// STRICT. Each recipient records the endpoint its message went to (`route`, null before it was sent).
export const migration: Migration = {
  version: 150,
  name: 'marketing_api',
  sql: `
ALTER TABLE accounts ADD COLUMN marketing_api TEXT NOT NULL DEFAULT 'auto'
  CHECK (marketing_api IN ('on', 'off', 'auto'));
ALTER TABLE accounts ADD COLUMN mm_policy TEXT NOT NULL DEFAULT 'fallback'
  CHECK (mm_policy IN ('fallback', 'strict'));
-- Meta's last answer to the onboarding check (ONBOARDED, ELIGIBLE, …), null when never read.
ALTER TABLE accounts ADD COLUMN mm_onboarding TEXT;
ALTER TABLE accounts ADD COLUMN mm_checked_at INTEGER;

ALTER TABLE recipients ADD COLUMN route TEXT CHECK (route IN ('cloud', 'marketing_messages'));
`,
};
