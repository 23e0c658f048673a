export type { CatalogueEntry } from './types';
export { FAILURE_HANDLINGS } from './types';
export { CATALOGUE, describeError, isKnownCode, lookupCode } from './catalogue';
export type { FailureClassification, FailureInput, NetworkFailure } from './classify';
export { classifyFailure } from './classify';
export {
  REASON_UNKNOWN,
  RETRYABLE_FAILURE_CODES,
  canRetryFailure,
  type RetryFailedDecision,
} from './retry-failed';
export { codeFromWords } from './words';
