import type { Migration } from './types';

// The business portfolio's messaging limit (issue 16 item 3). Accounts record their portfolio
// and where their limit came from. An account whose limit was never set (unlimited by the old
// default) gets Meta's starting limit of 250 until it is read from Meta; a limit the user had set is
// kept and marked as set by hand. The Sandbox account moves to Graph v24.0, the first version that
// can read the limit: it is our simulator, so no confirmation is needed. Real accounts keep their
// version until the user confirms the upgrade (accounts.upgradeGraphVersion).
export const migration: Migration = {
  version: 140,
  name: 'portfolio_limits',
  sql: `
ALTER TABLE accounts ADD COLUMN business_portfolio_id TEXT;
ALTER TABLE accounts ADD COLUMN messaging_limit_source TEXT NOT NULL DEFAULT 'default'
  CHECK (messaging_limit_source IN ('meta', 'default', 'manual'));
ALTER TABLE accounts ADD COLUMN messaging_limit_read_at INTEGER;
-- Why the last read failed, in words for the account page (null after a successful read).
ALTER TABLE accounts ADD COLUMN messaging_limit_error TEXT;

UPDATE accounts SET messaging_limit_source = 'manual' WHERE messaging_limit IS NOT NULL;
UPDATE accounts SET messaging_limit = 250 WHERE messaging_limit IS NULL;
UPDATE accounts SET graph_version = 'v24.0' WHERE kind = 'sandbox' AND graph_version IN ('v23.0', 'v22.0', 'v21.0');

CREATE INDEX accounts_portfolio ON accounts (business_portfolio_id) WHERE business_portfolio_id IS NOT NULL;

-- Held messages (issue 16 item 5). When the send answer says held_for_quality_assessment or paused
-- (template pacing), the recipient stays sent (WhatsApp accepted it) with held_at set; the first
-- status webhook for it (released, or dropped with 132015) clears it.
ALTER TABLE recipients ADD COLUMN held_at INTEGER;

-- Issue 16 item 6: the business-scoped user id (usernames, 2026) stored beside the phone, learnt
-- from webhooks; opt-outs that name only the user id find the number through it.
ALTER TABLE recipients ADD COLUMN user_id TEXT;
CREATE INDEX recipients_user_id ON recipients (user_id) WHERE user_id IS NOT NULL;
`,
};
