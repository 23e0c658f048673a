import type { Generated } from 'kysely';

// The Replies view's tables (issue 19), part of DB in schema.ts.

/** Inbound customer messages (migration 170, issue 19). */
export interface RepliesTable {
  id: Generated<number>;
  message_id: string;
  phone: string | null;
  wa_id: string | null;
  user_id: string | null;
  account_id: number | null;
  type: string;
  body: string | null;
  button_payload: string | null;
  media_id: string | null;
  media_mime: string | null;
  media_sha256: string | null;
  media_filename: string | null;
  media_size: number | null;
  media_path: string | null;
  reacted_to: string | null;
  context_id: string | null;
  campaign_id: number | null;
  recipient_id: number | null;
  variant: string | null;
  matched_by: Generated<'context' | 'latest' | 'none'>;
  meta_ts: number;
  received_at: number;
  read_at: number | null;
}

export interface CustomerLabelsTable {
  phone: string;
  label: string;
  set_at: number;
  source: 'manual' | 'button-rule';
  campaign_id: number | null;
}

export interface ReplyRulesTable {
  campaign_id: number;
  button: string;
  label: string;
  created_at: number;
}

export interface ReplyAnswersTable {
  id: Generated<number>;
  phone: string;
  account_id: number;
  kind: 'text' | 'image' | 'document' | 'template';
  body: string | null;
  media_path: string | null;
  media_filename: string | null;
  template_name: string | null;
  template_language: string | null;
  state: Generated<'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'unknown'>;
  wamid: string | null;
  error_code: number | null;
  error_title: string | null;
  created_at: number;
  sending_at: number | null;
  sent_at: number | null;
  status_ts: number | null;
}
