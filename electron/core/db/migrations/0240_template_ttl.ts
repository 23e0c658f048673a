import type { Migration } from './types';

// Issue 17 item 1: Meta's time-to-live of a template (`message_send_ttl_seconds`, Meta's "Configure
// message time-to-live" page): how long Meta tries to deliver its messages. Read with the templates;
// NULL = Meta's default for the category. A custom marketing TTL holds on the Marketing Messages API
// only, so a recipient whose message went there (recipients.route) and was not delivered in time
// is expired at sent_at + this TTL instead of after the 30-day default.
export const migration: Migration = {
  version: 240,
  name: 'template_ttl',
  sql: `
ALTER TABLE templates ADD COLUMN message_send_ttl_seconds INTEGER
  CHECK (message_send_ttl_seconds IS NULL OR message_send_ttl_seconds > 0);
`,
};
