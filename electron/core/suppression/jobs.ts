import type { AudiencePreview, SuppressionImportResult } from '../../../shared/api';
import type { ReadOptions } from '../contacts/jobs';

/** Messages between the main thread and the suppression import worker. */

export interface SuppressionTask {
  kind: 'preview' | 'import';
  path: string;
  fileName: string;
  options: ReadOptions;
  dbPath: string;
  nativeBinding?: string;
  reason: string | null;
  now: number;
}

export type SuppressionWorkerMessage =
  | { type: 'progress'; rows: number; bytes: number; totalBytes: number }
  | { type: 'preview'; result: AudiencePreview }
  | { type: 'imported'; result: SuppressionImportResult }
  | { type: 'cancelled' }
  | { type: 'error'; code: 'INPUT' | 'INTERNAL'; message: string };
