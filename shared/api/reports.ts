import type { RecipientState } from './models';

/** Delivery reports: what happened to each recipient of a campaign, as CSV or Excel. */

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FILTERS = ['all', 'delivered', 'read', 'failed', 'not-delivered'] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];

export const REPORT_FILTER_LABEL: Record<ReportFilter, string> = {
  all: 'Everybody',
  delivered: 'Delivered (read included)',
  read: 'Read',
  failed: 'Failed',
  'not-delivered': 'Not delivered',
};

/**
 * The states each filter selects; null selects every recipient. Read counts as delivered, as on the
 * status ladder (Meta may skip `delivered` when both happen at once).
 */
export const REPORT_FILTER_STATES: Record<ReportFilter, readonly RecipientState[] | null> = {
  all: null,
  delivered: ['delivered', 'read'],
  read: ['read'],
  failed: ['failed'],
  'not-delivered': ['pending', 'sending', 'sent', 'failed', 'skipped', 'unknown', 'expired'],
};

/** The columns Campaign Desk adds after the recipient's own columns, in file order. */
export const REPORT_STATUS_COLUMNS = [
  'phone',
  'country',
  'state',
  'sentAt',
  'deliveredAt',
  'readAt',
  'failedAt',
  'wamid',
  'errorCode',
  'reason',
  'nextStep',
  'category',
  'price',
] as const;
export type ReportStatusColumn = (typeof REPORT_STATUS_COLUMNS)[number];

/** A recipient's own column (from the imported file) is identified as `col:<header>`. */
export const ORIGINAL_COLUMN_PREFIX = 'col:';

export interface ReportColumn {
  id: string;
  /** The header as it appears in the file (times carry the zone there: "Sent at (Europe/Berlin)"). */
  label: string;
  group: 'original' | 'status';
}

export interface ReportOptions {
  campaignId: number;
  /** Every column, recipient's own first, in file order. */
  columns: ReportColumn[];
  /** How many rows each filter would export now. */
  counts: Record<ReportFilter, number>;
  /** Whether the campaign has left draft (a draft has nothing to report yet). */
  exportable: boolean;
}

export interface ReportProgress {
  exportId: number;
  campaignId: number;
  rows: number;
  totalRows: number;
  bytes: number;
  rowsPerSecond: number;
}

export interface ReportResult {
  exportId: number;
  campaignId: number;
  /** The name to save it under (the save dialog's suggestion, the browser download's name). */
  fileName: string;
  format: ReportFormat;
  filter: ReportFilter;
  timeZone: string;
  rows: number;
  bytes: number;
  durationMs: number;
}

/**
 * `details.reason` on a failed export, for callers that branch on more than the error code:
 * unknown campaign (NOT_FOUND), draft (CONFLICT), no rows match the filter (NOT_FOUND),
 * the destination cannot be written (UNAVAILABLE), cancelled (CONFLICT), already running (CONFLICT).
 */
export type ReportErrorReason =
  | 'no-campaign'
  | 'draft'
  | 'empty'
  | 'unwritable'
  | 'cancelled'
  | 'running'
  | 'bad-column'
  | 'gone';

/** An IANA zone name the runtime knows (e.g. Europe/Berlin); Intl is plain JavaScript, safe in shared/. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
