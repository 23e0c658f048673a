import { describeError } from '../../shared/domain/errors';
import { traceId } from './random';

/**
 * Meta's own titles where cloud-api.md quotes them verbatim; every other code uses the catalogue's
 * title. The app keys on `code` only (cloud-api.md §2.1), so the text is for people reading logs.
 */
const META_TITLES: Readonly<Record<number, string>> = {
  190: 'Access token has expired',
  130429: 'Rate limit hit',
  131049: 'This message was not delivered to maintain healthy ecosystem engagement.',
  131050:
    'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business',
};

export const errorTitle = (code: number): string => META_TITLES[code] ?? describeError(code).title;

/** HTTP statuses from Meta's older table (cloud-api.md §2.2); validation errors are 400. */
export const httpStatusFor = (code: number): number => {
  switch (code) {
    case 0:
    case 190:
      return 401;
    case 4:
    case 80007:
    case 130429:
    case 131056:
      return 429;
    case 131000:
      return 500;
    case 2:
    case 131016:
      return 503;
    case 3:
    case 10:
    case 131005:
      return 403;
    default:
      return code >= 200 && code <= 299 ? 403 : 400;
  }
};

/** Thrown by handlers to answer with Meta's error envelope. */
export class GraphFailure extends Error {
  override name = 'GraphFailure';
  constructor(
    readonly code: number,
    readonly details: string,
    readonly status: number = httpStatusFor(code),
  ) {
    super(`(#${code}) ${details}`);
  }
}

export const fail = (code: number, details: string, status?: number): never => {
  throw new GraphFailure(code, details, status);
};

export interface ErrorEnvelope {
  error: {
    message: string;
    type: 'OAuthException';
    code: number;
    error_data: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

export const errorEnvelope = (code: number, details: string): ErrorEnvelope => ({
  error: {
    message: `(#${code}) ${errorTitle(code)}`,
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp', details },
    fbtrace_id: traceId(),
  },
});

/** The `errors[]` item of a failed status webhook (cloud-api.md §4.1: `message` equals `title`). */
export const webhookError = (code: number, details: string) => {
  const title = errorTitle(code);
  return {
    code,
    title,
    message: title,
    error_data: { details },
    href: '/documentation/business-messaging/whatsapp/support/error-codes',
  };
};
