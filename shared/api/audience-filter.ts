import type { AudienceFilter, DateOrder, DecimalSeparator } from '../domain/audience-filter';

/** The audience filter of a campaign, as the Audience tab and `campaigns settings` show it. */

export interface FilterState {
  campaignId: number;
  /** The saved filter; null when everybody imported is in the audience. */
  filter: AudienceFilter | null;
  /** "City" is "London" AND …; null without a filter. */
  description: string | null;
  /** The saved value cannot be read: sending is refused until the filter is set again. */
  problem: string | null;
  /** The audience's columns, in file order: what conditions can use. */
  columns: string[];
  /** Columns the filter uses that the audience does not have (after clearing and importing another file). */
  missingColumns: string[];
  /** How a new filter reads numbers and dates, from the campaign's country (shown, and changeable). */
  defaults: { decimal: DecimalSeparator; dateOrder: DateOrder; country: string | null };
  /** Only drafts change their filter; afterwards it is the record of who was left out. */
  editable: boolean;
}

export interface FilterCheckCount {
  /** The number or date conditions that read this column this way. */
  conditionIds: string[];
  column: string;
  kind: 'number' | 'date';
  /** Filled cells that cannot be read as a number (or date): they match no such condition. */
  unreadable: number;
  /** A few of them, as written. */
  examples: string[];
}

export interface FilterCount {
  campaignId: number;
  filtered: boolean;
  /**
   * Drafts: the pending recipients (who would be sent to without a filter) and how many of them match.
   * After start: every recipient and how many match (the filter no longer changes).
   */
  total: number;
  matching: number;
  /** Drafts: recipients not counted because they are already skipped (opted out). */
  alreadySkipped: number;
  /** After start: recipients the filter left out when sending started. */
  excludedAtStart: number;
  /** Unreadable cells per number or date reading of a column. */
  checks: FilterCheckCount[];
  missingColumns: string[];
  /** True once the campaign has started: the counts describe what the start did. */
  frozen: boolean;
  durationMs: number;
}
