import type { Migration } from './types';

// The template studio (issue 20): templates written in the app, checked and submitted to Meta.
// Kept apart from `templates` (the mirror of the account, rebuilt by every sync): a draft exists
// before Meta knows it, keeps the creation JSON Meta never returns (samples, LTO, carousel), and
// records the review: Meta's id, status, rejection reason and a category Meta changed.
export const migration: Migration = {
  version: 180,
  name: 'template_drafts',
  sql: `
CREATE TABLE template_drafts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  language TEXT NOT NULL,
  category TEXT NOT NULL,
  -- The creation request as written (header_handle may still hold local sample paths).
  draft_json TEXT NOT NULL,
  meta_id TEXT,
  status TEXT NOT NULL DEFAULT 'DRAFT',
  rejected_reason TEXT,
  previous_category TEXT,
  submitted_at INTEGER,
  checked_at INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (account_id, name, language)
);
CREATE INDEX template_drafts_meta ON template_drafts (meta_id) WHERE meta_id IS NOT NULL;
`,
};
