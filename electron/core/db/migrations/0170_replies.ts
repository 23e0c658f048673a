import type { Migration } from './types';

// Issue 19: what customers write back. Inbound messages were kept only as raw status_events (for
// opt-outs); `replies` keeps each one readable, linked to the campaign, variant and recipient it
// answers. customer_labels is keyed by the E.164 phone so the customer book (issue 18) can join it.
// reply_rules turn a quick-reply tap into a label per campaign. reply_answers are the business's
// answers, recorded before they are sent (crash safety, as recipients are) and moved by statuses.
export const migration: Migration = {
  version: 170,
  name: 'replies',
  sql: `
CREATE TABLE replies (
  id INTEGER PRIMARY KEY,
  -- Meta's id of the inbound message: a replayed webhook is the same reply.
  message_id TEXT NOT NULL UNIQUE,
  -- E.164 when known; a username-era webhook may name only user_id until the number is learnt.
  phone TEXT,
  wa_id TEXT,
  user_id TEXT,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  -- What was written or tapped (text, caption, button label, reaction emoji), null for bare media.
  body TEXT,
  button_payload TEXT,
  media_id TEXT,
  media_mime TEXT,
  media_sha256 TEXT,
  media_filename TEXT,
  media_size INTEGER,
  -- Relative to the data folder, once downloaded on request.
  media_path TEXT,
  reacted_to TEXT,
  context_id TEXT,
  campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
  recipient_id INTEGER REFERENCES recipients(id) ON DELETE SET NULL,
  variant TEXT,
  -- How the campaign was found: the quoted message (context.id), or the latest campaign sent to the number.
  matched_by TEXT NOT NULL DEFAULT 'none' CHECK (matched_by IN ('context', 'latest', 'none')),
  meta_ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX replies_time ON replies(meta_ts, id);
CREATE INDEX replies_phone ON replies(phone, meta_ts);
CREATE INDEX replies_campaign ON replies(campaign_id, meta_ts) WHERE campaign_id IS NOT NULL;
CREATE INDEX replies_unread ON replies(phone) WHERE read_at IS NULL;
CREATE INDEX replies_user ON replies(user_id) WHERE phone IS NULL;

CREATE TABLE customer_labels (
  phone TEXT NOT NULL,
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
  set_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('manual', 'button-rule')),
  campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
  PRIMARY KEY (phone, label)
) WITHOUT ROWID;
CREATE INDEX customer_labels_label ON customer_labels(label, phone);

CREATE TABLE reply_rules (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  -- Matched against the button's label or payload, case and surrounding spaces ignored.
  button TEXT NOT NULL COLLATE NOCASE,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, button)
);

CREATE TABLE reply_answers (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'image', 'document', 'template')),
  body TEXT,
  media_path TEXT,
  media_filename TEXT,
  template_name TEXT,
  template_language TEXT,
  -- queued → sending → sent/delivered/read/failed; 'unknown' when a crash left the outcome open.
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown')),
  wamid TEXT UNIQUE,
  error_code INTEGER,
  error_title TEXT,
  created_at INTEGER NOT NULL,
  sending_at INTEGER,
  sent_at INTEGER,
  status_ts INTEGER
);
CREATE INDEX reply_answers_phone ON reply_answers(phone, created_at);
`,
};
