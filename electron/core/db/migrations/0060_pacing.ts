import type { Migration } from './types';

// Pacing (issue 9): the frequency cap asks, for each recipient about to be sent, whether that phone
// was sent anything recently (phone first, then time, only rows that were sent); quiet hours claim
// the recipients of the countries that are awake, so pending recipients are indexed by country; and
// each account gets default quiet hours ("HH:MM" local time, both or neither) for its new campaigns.
export const migration: Migration = {
  version: 60,
  name: 'pacing',
  sql: `
CREATE INDEX recipients_phone_sent ON recipients(phone, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX recipients_pending_country ON recipients(campaign_id, country) WHERE state = 'pending';
ALTER TABLE accounts ADD COLUMN quiet_from TEXT CHECK (quiet_from IS NULL OR quiet_from GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE accounts ADD COLUMN quiet_to TEXT CHECK (quiet_to IS NULL OR quiet_to GLOB '[0-2][0-9]:[0-5][0-9]');
`,
};
