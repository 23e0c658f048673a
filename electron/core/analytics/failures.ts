import type { AnalyticsMetaState } from '../../../shared/api';
import type { ApiFailure } from '../cloud-api';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A failed analytics call in words, what it says about insights on the WABA, and how long to wait. */
export interface AnalyticsFailure {
  message: string;
  /** Set when the failure tells us insights are off or not offered: polling stops until the user acts. */
  metaState?: AnalyticsMetaState;
  /** How long to leave the account alone; null = exponential backoff. */
  backoffMs: number | null;
}

/**
 * Codes from cloud-api.md §2.2 ("200005/200006/200007 template insights unavailable / can't disable /
 * not enabled"). UNCONFIRMED which code Meta really answers a query on a WABA without insights with;
 * a code-100 answer that talks about insights is read the same way.
 */
export const INSIGHTS_UNAVAILABLE = 200005;
export const INSIGHTS_NOT_ENABLED = 200007;

export function analyticsFailure(f: ApiFailure): AnalyticsFailure {
  const code = f.code;
  const said =
    f.metaMessage || f.details
      ? ` Meta says: "${(f.details ?? f.metaMessage ?? '').replace(/^\(#\d+\)\s*/, '')}"`
      : '';
  if (f.network)
    return {
      message: `Could not reach WhatsApp for the template analytics (${f.network}).`,
      backoffMs: null,
    };
  if (
    code === INSIGHTS_NOT_ENABLED ||
    (code === 100 &&
      /insight/i.test(`${f.metaMessage ?? ''} ${f.details ?? ''}`) &&
      /enabl/i.test(`${f.metaMessage ?? ''} ${f.details ?? ''}`))
  ) {
    return {
      message: `Template analytics are not switched on for this WhatsApp Business Account (code ${code}).`,
      metaState: 'not_enabled',
      backoffMs: null,
    };
  }
  if (code === INSIGHTS_UNAVAILABLE) {
    return {
      message: `Meta does not offer template analytics for this WhatsApp Business Account (code ${code}).${said}`,
      metaState: 'unsupported',
      backoffMs: null,
    };
  }
  if (code === 190 || code === 0)
    return {
      message: `The access token does not work for template analytics (code ${code}).${said}`,
      backoffMs: HOUR,
    };
  if (
    f.httpStatus === 403 ||
    code === 10 ||
    code === 3 ||
    (code !== null && code >= 200 && code <= 299)
  ) {
    return {
      message: `Meta does not let this app read template analytics (code ${code ?? f.httpStatus}): the token needs the whatsapp_business_management permission.${said}`,
      backoffMs: HOUR,
    };
  }
  if (f.httpStatus === 429 || code === 4 || code === 80007 || code === 130429) {
    return {
      message: `Meta's rate limit for analytics was reached (code ${code ?? 429}); trying again later.`,
      backoffMs: f.retryAfterMs ?? HOUR,
    };
  }
  if (code === null && f.httpStatus !== null && f.httpStatus >= 200 && f.httpStatus <= 299) {
    return {
      message: `Meta's analytics answer could not be read: ${f.details ?? 'unexpected shape'}. Nothing was stored.`,
      backoffMs: null,
    };
  }
  if (code === null && f.httpStatus === null)
    return {
      message: `${f.failure.entry.title}: ${f.failure.entry.explanation}`,
      backoffMs: 15 * MINUTE,
    };
  return {
    message: `The template analytics call failed (${code !== null ? `code ${code}` : `HTTP ${f.httpStatus ?? '?'}`}).${said}`,
    backoffMs: null,
  };
}
