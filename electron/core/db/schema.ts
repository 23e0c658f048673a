import type { Generated } from 'kysely';
import type {
  CustomersTable,
  CustomerForgetsTable,
  SegmentsTable,
  CampaignAudienceSourcesTable,
  SchedulesTable,
  ScheduleRunsTable,
} from './schema-customers';
import type {
  RepliesTable,
  CustomerLabelsTable,
  ReplyRulesTable,
  ReplyAnswersTable,
} from './schema-replies';

/** Kysely's view of the tables created by the migrations; tests/integration/db/schema.test.ts checks the two agree. */

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  kind: 'sandbox' | 'cloud';
  phone_number_id: string;
  waba_id: string;
  display_phone_number: string | null;
  default_country: string | null;
  graph_version: Generated<string>;
  base_url: string;
  token_env: string | null;
  token_ref: string | null;
  rate_per_second: Generated<number>;
  max_in_flight: Generated<number>;
  messaging_limit: number | null;
  templates_synced_at: number | null;
  created_at: number;
  updated_at: number;
  /** Default quiet hours for new campaigns, "HH:MM" local time (migration 60); both or neither. */
  quiet_from: Generated<string | null>;
  quiet_to: Generated<string | null>;
  /** The last connection check (migration 130): 1 passed, 0 failed, null never checked. */
  check_ok: Generated<number | null>;
  check_at: Generated<number | null>;
  check_message: Generated<string | null>;
  /** The business portfolio that owns the WABA (migration 140); null until read or set. */
  business_portfolio_id: Generated<string | null>;
  /** Where messaging_limit came from (migration 140): meta, default (250, not read) or manual. */
  messaging_limit_source: Generated<'meta' | 'default' | 'manual'>;
  messaging_limit_read_at: Generated<number | null>;
  messaging_limit_error: Generated<string | null>;
  /** Sending method of marketing templates (migration 150). */
  marketing_api: Generated<'on' | 'off' | 'auto'>;
  mm_policy: Generated<'fallback' | 'strict'>;
  mm_onboarding: Generated<string | null>;
  mm_checked_at: Generated<number | null>;
}

/** Tokens found in token_env by migration 130, held only until the core moves them at start. */
export interface TokenRescueTable {
  account_id: number;
  secret: string;
}

export interface TemplatesTable {
  id: Generated<number>;
  account_id: number;
  meta_id: string | null;
  name: string;
  language: string;
  status: string;
  category: string;
  sub_category: string | null;
  parameter_format: Generated<'POSITIONAL' | 'NAMED'>;
  components_json: string;
  quality_score: string | null;
  /** Meta's time-to-live of the template in seconds; null = the category's default (migration 240). */
  message_send_ttl_seconds: Generated<number | null>;
  source: 'sync' | 'manual';
  synced_at: number | null;
  updated_at: number;
}

export interface CampaignsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  state: Generated<'draft' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'cancelled'>;
  pause_code: string | null;
  pause_reason: string | null;
  template_id: number | null;
  template_name: string | null;
  template_language: string | null;
  mapping_json: string | null;
  settings_json: Generated<string>;
  columns_json: Generated<string>;
  default_country: string | null;
  parent_campaign_id: number | null;
  scheduled_at: number | null;
  started_at: number | null;
  completed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RecipientsTable {
  id: Generated<number>;
  campaign_id: number;
  row_number: number;
  phone: string;
  country: string | null;
  phone_type: string | null;
  fields_json: Generated<string>;
  state: Generated<
    | 'pending'
    | 'sending'
    | 'sent'
    | 'delivered'
    | 'read'
    | 'failed'
    | 'skipped'
    | 'unknown'
    | 'expired'
  >;
  skip_reason: string | null;
  variant: string | null;
  wamid: string | null;
  wa_id: string | null;
  error_code: number | null;
  error_title: string | null;
  attempts: Generated<number>;
  next_attempt_at: number | null;
  sending_at: number | null;
  sent_at: number | null;
  /** The import that wrote the row (0: before batches existed); see visibility.ts. */
  import_batch: Generated<number>;
  delivered_at: number | null;
  read_at: number | null;
  failed_at: number | null;
  status_ts: number | null;
  status_seen: Generated<number>;
  /** Accepted but held by WhatsApp for quality review (migration 140); cleared by the next status. */
  held_at: Generated<number | null>;
  billable: Generated<number | null>;
  billing_type: Generated<string | null>;
  billing_category: Generated<string | null>;
  /** The business-scoped user id learnt from webhooks (migration 140). */
  user_id: Generated<string | null>;
  /** The endpoint the message went to (migration 150); null until sent. */
  route: Generated<'cloud' | 'marketing_messages' | null>;
  /** Last per-user marketing limit answer (migration 200); null: never limited. */
  limited_at: Generated<number | null>;
  deferrals: Generated<number>;
}

export interface StatusEventsTable {
  id: Generated<number>;
  source: string;
  wamid: string | null;
  status: string | null;
  meta_ts: number | null;
  recipient_id: number | null;
  payload_json: string;
  received_at: number;
  kind: Generated<'status' | 'template' | 'preference' | 'inbound'>;
  dedupe_key: string | null;
  callback: string | null;
}

export interface SuppressionTable {
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  created_at: number;
  /** Migration 80: what the customer sent, the message it answered, where, and Meta's time. */
  words: Generated<string | null>;
  wamid: Generated<string | null>;
  campaign_id: Generated<number | null>;
  account_id: Generated<number | null>;
  event_at: Generated<number | null>;
}

/** Migration 80: numbers taken off the suppression list, with what the list said about them. */
export interface SuppressionRemovalsTable {
  id: Generated<number>;
  phone: string;
  reason: string;
  source: string;
  detail: string | null;
  words: string | null;
  added_at: number;
  note: string | null;
  removed_at: number;
}

/** Templates written in the studio (migration 180); `templates` stays the mirror of the account. */
export interface TemplateDraftsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  language: string;
  category: string;
  draft_json: string;
  meta_id: string | null;
  status: Generated<string>;
  rejected_reason: string | null;
  previous_category: string | null;
  submitted_at: number | null;
  checked_at: number | null;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value_json: string;
}

export interface ImportsTable {
  id: Generated<number>;
  campaign_id: number;
  file_name: string;
  file_size: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  has_header: number;
  phone_column: string;
  default_country: string | null;
  summary_json: string;
  created_at: number;
}

export interface ImportRejectsTable {
  id: Generated<number>;
  import_id: number;
  row_number: number;
  raw_value: string;
  problem: string;
  reason: string;
  fields_json: string;
}

export interface MediaUploadsTable {
  id: Generated<number>;
  account_id: number;
  source_key: string;
  media_id: string;
  uploaded_at: number;
}

export interface SenderLeasesTable {
  account_id: number;
  owner: string;
  heartbeat_at: number;
}

export interface StatusSourcesTable {
  account_id: number;
  source: 'relay' | 'sandbox' | 'history';
  enabled: Generated<number>;
  url: string | null;
  token_env: string | null;
  budget_per_hour: number | null;
  cursor: string | null;
  cursor_scope: string | null;
  last_poll_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_errors: Generated<number>;
  next_poll_at: number | null;
  calls_window_start: number | null;
  calls_in_window: Generated<number>;
  observations_total: Generated<number>;
}

export interface VolumeTiersTable {
  account_id: number;
  month: string;
  category: string;
  region: string;
  tier_from: number;
  tier_to: number | null;
  reached_at: number;
  received_at: number;
}

export interface TemplateAnalyticsTable {
  account_id: number;
  template_meta_id: string;
  day_start: number;
  sent: number | null;
  delivered: number | null;
  read: number | null;
  clicked_json: Generated<string>;
  cost_json: Generated<string>;
  fetched_at: number;
}

export interface AnalyticsAccountsTable {
  account_id: number;
  polling: number | null;
  meta_state: Generated<'unknown' | 'enabled' | 'not_enabled' | 'unsupported'>;
  enabled_at: number | null;
  budget_per_hour: number | null;
  last_poll_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_errors: Generated<number>;
  next_poll_at: number | null;
  calls_window_start: number | null;
  calls_in_window: Generated<number>;
}

export interface AnalyticsCampaignsTable {
  campaign_id: number;
  fetched_at: number | null;
  fetched_from: number | null;
  fetched_to: number | null;
  next_fetch_at: number | null;
}

/** An import still being written: its recipients are invisible until this row is deleted. */
export interface ImportBatchesTable {
  id: number;
  campaign_id: number;
  owner: string;
  first_recipient_id: number;
  started_at: number;
  heartbeat_at: number;
}

export type * from './schema-customers';
export type * from './schema-replies';

export interface DB {
  schedules: SchedulesTable;
  schedule_runs: ScheduleRunsTable;
  segments: SegmentsTable;
  campaign_audience_sources: CampaignAudienceSourcesTable;
  customers: CustomersTable;
  customer_forgets: CustomerForgetsTable;
  replies: RepliesTable;
  customer_labels: CustomerLabelsTable;
  reply_rules: ReplyRulesTable;
  reply_answers: ReplyAnswersTable;
  import_batches: ImportBatchesTable;
  status_sources: StatusSourcesTable;
  media_uploads: MediaUploadsTable;
  sender_leases: SenderLeasesTable;
  imports: ImportsTable;
  import_rejects: ImportRejectsTable;
  accounts: AccountsTable;
  token_rescue: TokenRescueTable;
  templates: TemplatesTable;
  campaigns: CampaignsTable;
  recipients: RecipientsTable;
  status_events: StatusEventsTable;
  suppression: SuppressionTable;
  suppression_removals: SuppressionRemovalsTable;
  settings: SettingsTable;
  template_drafts: TemplateDraftsTable;
  template_analytics: TemplateAnalyticsTable;
  analytics_accounts: AnalyticsAccountsTable;
  analytics_campaigns: AnalyticsCampaignsTable;
  volume_tiers: VolumeTiersTable;
}
