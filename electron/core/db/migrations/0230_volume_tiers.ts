import type { Migration } from './types';

// Meta's volume tiers (issue 16, cost): each `account_update` webhook with event
// VOLUME_BASED_PRICING_TIER_UPDATE says the business reached a tier for a month, market ("region",
// in Meta's words: "India", "Rest of Africa") and category. Kept per account so an estimate for
// that month starts from the tier Meta says the business is in. Meta may send the same switch more
// than once and asks to keep the earliest `tier_update_time` (reached_at, ms): the key refuses
// repeats and an upsert keeps the smaller time. tier_to NULL = no upper bound.
export const migration: Migration = {
  version: 230,
  name: 'volume_tiers',
  sql: `
CREATE TABLE volume_tiers (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  category TEXT NOT NULL,
  region TEXT NOT NULL,
  tier_from INTEGER NOT NULL CHECK (tier_from >= 1),
  tier_to INTEGER CHECK (tier_to IS NULL OR tier_to >= tier_from),
  reached_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, month, category, region, tier_from)
) WITHOUT ROWID;
`,
};
