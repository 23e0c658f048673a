import type { RecipientState, ReportColumn, ReportFilter, ReportFormat } from '../../../shared/api';
import type { RateCard } from '../../../shared/domain/pricing';
import type { CampaignInfo } from './summary';

/** Messages between the main thread and the export worker. */

export interface ExportTask {
  dbPath: string;
  nativeBinding?: string;
  campaign: CampaignInfo;
  format: ReportFormat;
  filter: ReportFilter;
  /** null: every recipient. */
  states: readonly RecipientState[] | null;
  /** The chosen columns in file order, labels included. */
  columns: ReportColumn[];
  timeZone: string;
  card: RateCard & { edited?: boolean };
  /** The temporary file to write; the main thread renames it when the worker is done. */
  path: string;
  now: number;
}

export type ExportMessage =
  | { type: 'progress'; rows: number; bytes: number }
  | { type: 'done'; rows: number; bytes: number }
  | { type: 'cancelled' }
  | { type: 'error'; code: 'OUTPUT' | 'INTERNAL'; message: string };
