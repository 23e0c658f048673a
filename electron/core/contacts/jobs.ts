import type {
  AudiencePreview,
  ImportResult as SharedImportResult,
} from '../../../shared/api/audience';
import type { BookImportResult } from '../../../shared/api/customers';
import type { BookImportTask } from '../customers/book-import';
import type { Encoding } from './decode';
import type { Delimiter } from './csv-source';

/** Messages between the main thread and the import worker. */

export type { FileFormat, PhoneCheck } from '../../../shared/api/audience';

export interface ReadOptions {
  encoding?: Encoding;
  delimiter?: Delimiter;
  hasHeader?: boolean;
  phoneColumn?: string;
  fallbackPhoneColumn?: string | null;
  defaultCountry?: string | null;
}

export interface PreviewTask {
  kind: 'preview';
  path: string;
  fileName: string;
  options: ReadOptions;
}

export interface ImportTask {
  kind: 'import';
  path: string;
  fileName: string;
  dbPath: string;
  nativeBinding?: string;
  campaignId: number;
  options: ReadOptions;
  now: number;
  faultAfterBytes?: number;
}

export type WorkerTask = PreviewTask | ImportTask | BookImportTask;

export type PreviewResult = AudiencePreview;
export type ImportResult = SharedImportResult;

export type WorkerMessage =
  | { type: 'progress'; rows: number; bytes: number; totalBytes: number }
  | { type: 'preview'; result: PreviewResult }
  | { type: 'imported'; result: ImportResult }
  | { type: 'booked'; result: BookImportResult }
  | { type: 'cancelled' }
  | { type: 'error'; code: 'INPUT' | 'INTERNAL'; message: string };
