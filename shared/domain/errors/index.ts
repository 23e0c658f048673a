export type { CatalogueEntry, FailureHandling } from './types';
export { FAILURE_HANDLINGS } from './types';
export { CATALOGUE, describeError, isKnownCode, lookupCode } from './catalogue';
export { PERMISSION_RANGE } from './entries-account';
export type { FailureClassification, FailureInput, NetworkFailure } from './classify';
export { classifyFailure } from './classify';
export type { RetryFailedDecision, RetryFailedInput, RetryRule } from './retry-failed';
export { REASON_UNKNOWN, RETRYABLE_FAILURE_CODES, canRetryFailure } from './retry-failed';
export { codeFromWords } from './words';
