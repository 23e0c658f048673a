import type { Migration } from './types';

// A/B variants (issue 9): the comparison counts recipients by (variant, state) and sent_at, and a split
// edited in a draft clears assignments left by a start that did not go through. This partial index covers
// both from the index alone, and only campaigns that are split pay for it.
export const migration: Migration = {
  version: 70,
  name: 'variants',
  sql: `
CREATE INDEX recipients_variant ON recipients(campaign_id, variant, state, sent_at) WHERE variant IS NOT NULL;
`,
};
