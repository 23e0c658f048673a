import { fileReadProblem, type WorkerFailure } from '../workers/run-worker';
import { CsvLimitError, ImportCancelled } from './csv-source';
import { EncodingError } from './decode';
import { ImportInputError } from './sink';
import { XlsxError } from './xlsx-source';

/**
 * What an import worker (audience or suppression list) answers for what reading the file threw:
 * cancelled, the file's fault in words (INPUT), or null for a fault of ours.
 */
export function importFailure(e: unknown): WorkerFailure | { type: 'cancelled' } | null {
  if (e instanceof ImportCancelled) return { type: 'cancelled' };
  if (e instanceof ImportInputError || e instanceof XlsxError || e instanceof CsvLimitError)
    return { type: 'error', code: 'INPUT', message: e.message };
  if (e instanceof EncodingError)
    return {
      type: 'error',
      code: 'INPUT',
      message: `${e.message} Choose the file's encoding and try again.`,
    };
  const unreadable = fileReadProblem(e);
  return unreadable === null ? null : { type: 'error', code: 'INPUT', message: unreadable };
}
