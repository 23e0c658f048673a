import type { Migration } from './types';

// What Meta says it charged for each message (issue 16 item 10): the `pricing` object of status
// webhooks, kept per recipient so a campaign shows charged beside estimated. NULL = no report with
// pricing yet (message_history carries none). billable 1/0; type regular / free_customer_service /
// free_entry_point; category as Meta bills it (marketing, utility, marketing_lite, …).
export const migration: Migration = {
  version: 190,
  name: 'charges',
  sql: `
ALTER TABLE recipients ADD COLUMN billable INTEGER CHECK (billable IN (0, 1));
ALTER TABLE recipients ADD COLUMN billing_type TEXT;
ALTER TABLE recipients ADD COLUMN billing_category TEXT;
`,
};
