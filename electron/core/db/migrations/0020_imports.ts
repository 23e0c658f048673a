import type { Migration } from './types';

// Audience imports: one row per import that landed (imports are atomic, so there is no
// "running" state on disk), and every rejected row kept whole for the fix-and-reimport CSV.
export const migration: Migration = {
  version: 20,
  name: 'imports',
  sql: `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding TEXT,
  delimiter TEXT,
  has_header INTEGER NOT NULL,
  phone_column TEXT NOT NULL,
  default_country TEXT,
  summary_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX imports_campaign ON imports(campaign_id, id);

CREATE TABLE import_rejects (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  raw_value TEXT NOT NULL,
  problem TEXT NOT NULL,
  reason TEXT NOT NULL,
  fields_json TEXT NOT NULL
);
CREATE INDEX import_rejects_import ON import_rejects(import_id, row_number);
`,
};
