export type { TokenBucket, TokenBucketOptions } from './token-bucket';
export { createTokenBucket } from './token-bucket';
export type { Backoff, BackoffOptions, JitterStrategy, NextDelayOptions } from './backoff';
export { PAIR_RATE_MAX_DELAY_MS, createBackoff, pairRateDelayMs, parseRetryAfter } from './backoff';
export type { FailureRateDetector, FailureRateOptions } from './failure-rate';
export { FAILURE_RATE_DEFAULTS, createFailureRateDetector } from './failure-rate';
export type { MessagingSend, MessagingWindow, MessagingWindowInput } from './messaging-limit';
export { MESSAGING_WINDOW_MS, messagingWindow } from './messaging-limit';
