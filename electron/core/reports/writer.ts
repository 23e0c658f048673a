import type { Cell } from './columns';
import type { SummarySheet } from './summary';

/** What both formats do, so the worker's loop is the same for CSV and Excel. */
export interface ReportWriter {
  /** The header and the rows hold the same cells in both formats (text is already escaped). */
  header(labels: readonly string[]): Promise<void>;
  rows(rows: readonly Cell[][]): Promise<void>;
  /** Flushes and closes the file; Excel adds the summary sheet. */
  finish(summary: SummarySheet): Promise<void>;
  /** Stops writing and closes the file without finishing it (the caller deletes it). */
  abort(): Promise<void>;
  /** Bytes written to the file so far. */
  bytes(): number;
}
