import type { Migration } from './types';

// The customer book (issue 18): one row per E.164 number, shared by every account. Attributes are
// any column an import or a person gave, as a JSON object of strings; attribute_dates_json holds,
// per attribute, when its current value was written (the newest import wins a field, and says when).
// Consent keeps its first evidence (source, date, words such as "imported from shops.csv on
// 2026-03-02"): a later import does not overwrite how the customer first agreed. user_id is Meta's
// business-scoped user id when a webhook named it. Opt-out state is not copied here: the
// suppression list stays the one place that says it.
// customer_forgets records each erasure without the number: when, and how many rows it touched,
// so a data-protection request can be accounted for and reports keep anonymised counts.
//
// Saved segments: a named filter over the book, as JSON: the audience filter over attributes
// (shared/domain/audience-filter) and conditions on history (got, outcome in a campaign, no message
// in N days, opted in after a date). campaign_audience_sources records how a campaign's audience
// was made from the book: the segment or follow-up as evaluated and how many went in; the
// recipients rows are exactly who. Segment and source campaign ids are plain numbers, not foreign
// keys: deleting a segment must not erase the record of a campaign it made.
export const migration: Migration = {
  version: 160,
  name: 'customers',
  sql: `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,
  country TEXT,
  attributes_json TEXT NOT NULL DEFAULT '{}',
  attribute_dates_json TEXT NOT NULL DEFAULT '{}',
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  consent_source TEXT CHECK (consent_source IN ('import', 'reply', 'manual')),
  consent_at INTEGER,
  consent_evidence TEXT,
  user_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX customers_last_seen ON customers (last_seen_at, id);
CREATE INDEX customers_user_id ON customers (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE customer_forgets (
  id INTEGER PRIMARY KEY,
  forgotten_at INTEGER NOT NULL,
  recipients_redacted INTEGER NOT NULL,
  events_removed INTEGER NOT NULL,
  suppression_removed INTEGER NOT NULL
);

CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE campaign_audience_sources (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('segment', 'follow-up')),
  segment_id INTEGER,
  source_campaign_id INTEGER,
  outcome TEXT,
  definition_json TEXT NOT NULL,
  members INTEGER NOT NULL,
  left_out_json TEXT NOT NULL DEFAULT '[]',
  evaluated_at INTEGER NOT NULL
);
`,
};
