import type { IncomingHttpHeaders } from 'node:http';
import {
  classifyFailure,
  type CatalogueEntry,
  type FailureClassification,
  type FailureInput,
} from '../../../shared/domain/errors';
import { parseRetryAfter } from '../sender/backoff';
import { parseJson, isRecord } from './json';
import type { CallResult } from './caller';
import type { TransportResult } from './transport';
import type { ApiFailure } from './types';

type ResponseResult = Extract<TransportResult, { kind: 'response' }>;
type NetworkResult = Extract<TransportResult, { kind: 'network' }>;

export interface FailureContext {
  /**
   * True for everything except a message send: repeating a GET or an upload cannot reach a customer
   * twice, so "maybe it arrived" is not a reason to hold back a retry.
   */
  idempotent: boolean;
  redact: (text: string) => string;
}

/** Meta's synchronous error envelope (cloud-api.md §2.1), every field optional. */
export interface MetaError {
  code: number | null;
  subcode: number | null;
  message: string | null;
  details: string | null;
  fbtraceId: string | null;
  isTransient: boolean | null;
}

const EXCERPT_CHARS = 200;

const numberOrNull = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // Proxies and older SDK fixtures sometimes quote the code.
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return null;
};
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const parseMetaError = (body: unknown): MetaError | null => {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const e = body.error;
  const data = isRecord(e.error_data) ? e.error_data : {};
  return {
    code: numberOrNull(e.code),
    subcode: numberOrNull(e.error_subcode),
    message: stringOrNull(e.message),
    details: stringOrNull(data.details) ?? stringOrNull(e.error_user_msg),
    fbtraceId: stringOrNull(e.fbtrace_id),
    isTransient: typeof e.is_transient === 'boolean' ? e.is_transient : null,
  };
};

/** A readable line from whatever a proxy put in the body (often an HTML error page). */
const excerpt = (body: Buffer): string | null => {
  const text = body
    .toString('utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
};

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
};

// Every server-provided string is redacted, even ones that "cannot" contain a token: a proxy may echo anything.
const redactOrNull = (text: string | null | undefined, ctx: FailureContext): string | null =>
  text === null || text === undefined ? null : ctx.redact(text);

const settle = (
  classification: FailureClassification,
  ctx: FailureContext,
): FailureClassification => {
  if (!ctx.idempotent || !classification.ambiguous) return classification;
  const { handling } = classification;
  return {
    ...classification,
    ambiguous: false,
    retryable: handling === 'retry_later' || handling === 'retry_recipient',
  };
};

const classify = (input: FailureInput, ctx: FailureContext): FailureClassification =>
  settle(classifyFailure(input), ctx);

export const retryAfter = (headers: IncomingHttpHeaders): { retryAfterMs?: number } => {
  const ms = parseRetryAfter(header(headers, 'retry-after'), Date.now());
  return ms === undefined ? {} : { retryAfterMs: ms };
};

/** A non-2xx answer: Meta's envelope when there is one, the bare HTTP status otherwise. */
export const failureFromResponse = (res: ResponseResult, ctx: FailureContext): ApiFailure => {
  const meta = parseMetaError(parseJson(res.body));
  const metaMessage = redactOrNull(meta?.message, ctx);
  const details = redactOrNull(meta ? meta.details : excerpt(res.body), ctx);
  const input: FailureInput = { httpStatus: res.status };
  if (meta?.code !== null && meta?.code !== undefined) input.code = meta.code;
  if (meta?.isTransient !== null && meta?.isTransient !== undefined)
    input.isTransient = meta.isTransient;
  if (metaMessage) input.message = metaMessage;
  return {
    ok: false,
    failure: classify(input, ctx),
    code: meta?.code ?? null,
    subcode: meta?.subcode ?? null,
    httpStatus: res.status,
    metaMessage,
    details,
    fbtraceId: redactOrNull(meta?.fbtraceId ?? header(res.headers, 'x-fb-trace-id'), ctx),
    isTransient: meta?.isTransient ?? null,
    ...retryAfter(res.headers),
  };
};

export const failureFromNetwork = (res: NetworkResult, ctx: FailureContext): ApiFailure => ({
  ok: false,
  failure: classify(
    { network: res.network, requestSent: ctx.idempotent ? false : res.requestSent },
    ctx,
  ),
  code: null,
  subcode: null,
  httpStatus: null,
  metaMessage: null,
  details: ctx.redact(res.message),
  fbtraceId: null,
  isTransient: null,
  network: res.network,
});

const localFailure = (
  entry: CatalogueEntry,
  ambiguous: boolean,
  httpStatus: number | null,
  details: string | null,
): ApiFailure => ({
  ok: false,
  failure: {
    handling: entry.handling,
    entry,
    retryable:
      !ambiguous && (entry.handling === 'retry_later' || entry.handling === 'retry_recipient'),
    ambiguous,
  },
  code: null,
  subcode: null,
  httpStatus,
  metaMessage: null,
  details,
  fbtraceId: null,
  isTransient: null,
});

const MAYBE_SENT_ACTION =
  'Campaign Desk does not resend it, so the customer cannot get it twice. Its status updates if WhatsApp ' +
  'reports it; otherwise check with the customer before sending it again.';

/**
 * A 2xx whose body we cannot read. For a send this is the worst case: Meta probably accepted the
 * message, so it must be treated as maybe-sent, never resent.
 */
export const malformedFailure = (
  res: ResponseResult,
  ctx: FailureContext,
  why: string,
): ApiFailure => {
  const entry: CatalogueEntry = ctx.idempotent
    ? {
        code: null,
        title: 'Unreadable answer from WhatsApp',
        explanation: 'WhatsApp answered, but Campaign Desk could not read the answer.',
        action: 'Try again in a few minutes. If it keeps happening, send us the log.',
        handling: 'retry_later',
        retryLimit: 2,
      }
    : {
        code: null,
        title: 'Unreadable answer from WhatsApp',
        explanation:
          'WhatsApp answered, but Campaign Desk could not read the answer. The message may or may not have been sent.',
        action: MAYBE_SENT_ACTION,
        handling: 'retry_later',
      };
  const body = excerpt(res.body);
  const details = ctx.redact(body === null ? why : `${why}: ${body}`);
  return {
    ...localFailure(entry, !ctx.idempotent, res.status, details),
    fbtraceId: redactOrNull(header(res.headers, 'x-fb-trace-id'), ctx),
  };
};

const noTokenFailure = (): ApiFailure =>
  localFailure(
    {
      code: null,
      title: 'No access key',
      explanation:
        'No usable WhatsApp access token is saved for this account (it is empty or contains spaces or line breaks).',
      action: 'Paste the access token from Meta Business settings in Accounts, then try again.',
      handling: 'pause_campaign',
    },
    false,
    null,
    null,
  );

export const fileFailure = (message: string, ctx: FailureContext): ApiFailure =>
  localFailure(
    {
      code: null,
      title: 'Cannot read the media file',
      explanation: 'Campaign Desk could not read the file to upload.',
      action:
        'Check that the file still exists and is not open in another program, then try again.',
      handling: 'pause_campaign',
    },
    false,
    null,
    ctx.redact(message),
  );

/** Every call result that is not an HTTP response, as a typed failure. */
export const failureFromCall = (
  result: Exclude<CallResult, { kind: 'response' }>,
  ctx: FailureContext,
): ApiFailure => {
  switch (result.kind) {
    case 'no_token':
      return noTokenFailure();
    case 'local':
      return fileFailure(result.message, ctx);
    case 'network':
      return failureFromNetwork(result, ctx);
  }
};

export const isSuccessStatus = (status: number): boolean => status >= 200 && status <= 299;
