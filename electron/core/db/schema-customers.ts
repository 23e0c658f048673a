import type { Generated } from 'kysely';

// The customer book's tables (issue 18), part of DB in schema.ts.

/** The customer book (migration 160): one row per E.164 number, shared by every account. */
export interface CustomersTable {
  id: Generated<number>;
  phone: string;
  country: string | null;
  /** Attribute name → value (strings, as the files gave them). */
  attributes_json: Generated<string>;
  /** Attribute name → ms when its current value was written. */
  attribute_dates_json: Generated<string>;
  first_seen_at: number;
  last_seen_at: number;
  consent_source: 'import' | 'reply' | 'manual' | null;
  consent_at: number | null;
  consent_evidence: string | null;
  user_id: string | null;
  /** When a file or a person said this customer declines marketing (migration 210); NULL: no "no". */
  marketing_declined_at: number | null;
  /** The owner's words for that "no": "Declined marketing in the Shopify customers export of …". */
  marketing_declined_evidence: string | null;
  created_at: number;
  updated_at: number;
}

/** One erasure of a customer (migration 160), recorded without the number. */
export interface CustomerForgetsTable {
  id: Generated<number>;
  forgotten_at: number;
  recipients_redacted: number;
  events_removed: number;
  suppression_removed: number;
}

/** A saved segment (migration 160): definition_json is { filter, history }. */
export interface SegmentsTable {
  id: Generated<number>;
  name: string;
  definition_json: string;
  created_at: number;
  updated_at: number;
}

/** How a campaign's audience came from the book (migration 160). */
export interface CampaignAudienceSourcesTable {
  campaign_id: number;
  kind: 'segment' | 'follow-up';
  segment_id: number | null;
  source_campaign_id: number | null;
  outcome: string | null;
  definition_json: string;
  members: number;
  left_out_json: Generated<string>;
  evaluated_at: number;
}

/** A recurring campaign from a segment (migration 220). */
export interface SchedulesTable {
  id: Generated<number>;
  name: string;
  segment_id: number;
  /** ScheduleRule (shared/domain/schedule): when, in time_zone's wall clock. */
  rule_json: string;
  time_zone: string;
  grace_minutes: number;
  source_campaign_id: number | null;
  /** The copied campaign settings each run starts from (core/schedules/settings.ts). */
  settings_json: string;
  paused_at: number | null;
  next_run_at: number | null;
  until_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One occurrence of a schedule (migration 220), unique per (schedule_id, due_at). */
export interface ScheduleRunsTable {
  id: Generated<number>;
  schedule_id: number;
  due_at: number;
  state: 'creating' | 'started' | 'skipped' | 'failed';
  campaign_id: number | null;
  reason: string | null;
  owner: string | null;
  created_at: number;
  finished_at: number | null;
}
