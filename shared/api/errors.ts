/**
 * Error codes the UI can act on. Every failed call carries exactly one.
 * Keep the list short: a code earns its place when some caller branches on it.
 */
export const ERROR_CODES = [
  'VALIDATION', // input did not match the method's schema
  'NOT_FOUND', // the row the input points at does not exist
  'CONFLICT', // the row exists but its state forbids the operation (e.g. deleting a sent campaign)
  'UNAUTHORIZED', // transport-level: missing or wrong token
  'UNKNOWN_METHOD',
  'UNAVAILABLE', // a dependency (network, keychain, file) is not reachable right now
  'INTERNAL', // a bug: logged with details, shown with a generic message
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail, e.g. which fields failed validation. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by the core; turned into `{ ok: false, error }` at the transport edge. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
  }
}

export function isCoreError(e: unknown): e is CoreError {
  return e instanceof CoreError;
}
