import { lookupCode, unknownEntry } from './catalogue';
import {
  AMBIGUOUS_SEND_ENTRY,
  HTTP_FORBIDDEN_ENTRY,
  HTTP_TOO_MANY_ENTRY,
  HTTP_UNAUTHORIZED_ENTRY,
  UNREACHABLE_ENTRY,
  serverErrorEntry,
} from './entries-transport';
import type { CatalogueEntry, FailureHandling } from './types';

/** How a request failed when no HTTP response came back. */
export type NetworkFailure = 'timeout' | 'reset' | 'refused' | 'dns' | 'offline';

export interface FailureInput {
  /** Meta's `error.code`, from the send response or a status webhook. Decides everything when present. */
  code?: number;
  /** Used only when there is no `code`. */
  httpStatus?: number;
  /** Meta's `error.is_transient`; consulted only for codes the catalogue does not know. */
  isTransient?: boolean;
  /** Set when no HTTP response arrived. */
  network?: NetworkFailure;
  /**
   * Whether the request left this computer before the failure. Default true for 'timeout' and 'reset'
   * (we cannot tell, so assume the worst); pass false for a connect timeout, which is safe to resend.
   */
  requestSent?: boolean;
  /** Meta's `error.message`, shown for codes the catalogue does not know. */
  message?: string;
}

export interface FailureClassification {
  handling: FailureHandling;
  entry: CatalogueEntry;
  /**
   * The loop may send this same message to this recipient again by itself (at most `entry.retryLimit`
   * times when set). False for 'fail_recipient', for 'pause_campaign' (nothing is retried until a person
   * acts; the recipient stays pending) and for every ambiguous failure.
   */
  retryable: boolean;
  /**
   * The request may have reached Meta and been accepted although we saw no answer (a timeout or broken
   * connection after sending, a gateway error without a Meta error body). The Cloud API has no
   * idempotency key, so resending risks a duplicate (USERS.md #6): the caller must mark the recipient
   * "unknown", not resend, and reconcile later (webhook with biz_opaque_callback_data, message status).
   * `handling` is still 'retry_later': the connection is unhealthy, so the whole loop backs off.
   */
  ambiguous: boolean;
}

const fromEntry = (entry: CatalogueEntry, ambiguous = false): FailureClassification => ({
  handling: entry.handling,
  entry,
  retryable:
    !ambiguous && (entry.handling === 'retry_later' || entry.handling === 'retry_recipient'),
  ambiguous,
});

const classifyUnknownCode = (code: number, input: FailureInput): FailureClassification => {
  const entry = unknownEntry(code, input.message);
  if (input.isTransient !== false) return fromEntry(entry);
  // Meta itself says retrying will not help: fail now instead of backing off the whole loop.
  const { retryLimit: _dropped, ...rest } = entry;
  return fromEntry({
    ...rest,
    handling: 'fail_recipient',
    action:
      "Check this customer's details. If every message fails like this, send us the campaign log.",
  });
};

const classifyNetwork = (
  network: NetworkFailure,
  requestSent: boolean | undefined,
): FailureClassification => {
  // refused/dns/offline fail before any byte reaches Meta. timeout/reset can happen after Meta got the
  // whole request, and even after it accepted the message.
  const mayHaveBeenSent = (network === 'timeout' || network === 'reset') && requestSent !== false;
  return mayHaveBeenSent ? fromEntry(AMBIGUOUS_SEND_ENTRY, true) : fromEntry(UNREACHABLE_ENTRY);
};

const classifyHttpStatus = (status: number, input: FailureInput): FailureClassification => {
  if (status === 401) return fromEntry(HTTP_UNAUTHORIZED_ENTRY);
  // Without a code, a 403 is still "this account may not do this": every other send would get it too.
  if (status === 403) return fromEntry(HTTP_FORBIDDEN_ENTRY);
  if (status === 429) return fromEntry(HTTP_TOO_MANY_ENTRY);
  // 408: the server gave up waiting for our request, so it never processed it.
  if (status === 408) return fromEntry(UNREACHABLE_ENTRY);
  if (status >= 500 && status <= 599) {
    // Meta answers its own failures with a JSON error and a code. A bare 5xx comes from a proxy or load
    // balancer that may have lost the answer of a back end that did send; only 503 ("not handled") is safe.
    const ambiguous = status !== 503;
    return fromEntry(serverErrorEntry(status, ambiguous), ambiguous);
  }
  return fromEntry(unknownEntry(null, input.message ?? `HTTP ${status}`));
};

/**
 * Decides what the sender does with one failed send. Meta's `code` wins over everything (Meta: build
 * error handling on the code, not on HTTP status or subcode); the status and network kind are used
 * only when there is no code.
 */
export const classifyFailure = (input: FailureInput): FailureClassification => {
  const { code } = input;
  if (code !== undefined && Number.isFinite(code)) {
    const entry = lookupCode(code);
    return entry ? fromEntry(entry) : classifyUnknownCode(code, input);
  }
  if (input.httpStatus !== undefined) return classifyHttpStatus(input.httpStatus, input);
  if (input.network !== undefined) return classifyNetwork(input.network, input.requestSent);
  return fromEntry(unknownEntry(null, input.message));
};
