import type { Readable } from 'node:stream';
import { baseUrlProblem } from '../../../shared/domain/accounts';
import { redactSecrets } from './redact';
import { createTransport, type TransportResult } from './transport';
import type { CloudApiConfig } from './types';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_SOCKETS = 8;
const DEFAULT_IDLE_SOCKET_MS = 10_000;
// Template pages with many components run to a few hundred KB; anything far larger is not Meta.
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const GRAPH_VERSION = /^v\d+\.\d+$/;
// Visible ASCII only: a newline or space in a pasted token would corrupt (or inject into) the headers.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export type Query = Record<string, string | number | undefined>;

export interface CallSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Meta's upload step takes `Authorization: OAuth <token>` (Resumable Upload API guide). */
  authScheme?: 'Bearer' | 'OAuth';
  url: URL;
  headers?: Record<string, string | number>;
  body?: Buffer | Readable;
  timeoutKind?: 'total' | 'idle';
  /**
   * A customer's file (issue 19): the URL GET /{media-id} gave. Meta serves it from its CDN host,
   * which wants the same bearer token (cloud-api.md §7); only that host is let through besides ours.
   */
  mediaDownload?: boolean;
}

/** Meta's host for inbound media downloads (Meta's "Download media" page, verified 2026). */
const META_MEDIA_HOST = 'lookaside.fbsbx.com';
const isMetaMediaUrl = (u: URL): boolean =>
  u.protocol === 'https:' && u.hostname === META_MEDIA_HOST && !u.username && !u.password;

export type CallResult = TransportResult | { kind: 'no_token' };

export interface Caller {
  /** `/{version}/{...segments}` under the configured base URL, each segment percent-encoded. */
  url: (segments: readonly string[], query?: Query) => URL;
  /** Whether a URL handed to us by the server (a paging `next`) may receive our token. */
  isOwnUrl: (url: URL) => boolean;
  call: (spec: CallSpec) => Promise<CallResult>;
  /** Every token used so far, for redaction of anything the server echoes. */
  secrets: () => readonly string[];
  redact: (text: string) => string;
  close: () => void;
}

const parseBaseUrl = (baseUrl: string): URL => {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Cloud API baseUrl is not a URL: ${baseUrl}`);
  }
  // The token rides on every request: https everywhere, plain http only to this computer.
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw new TypeError(problem);
  return url;
};

export const createCaller = (config: CloudApiConfig): Caller => {
  const base = parseBaseUrl(config.baseUrl);
  if (!GRAPH_VERSION.test(config.graphVersion))
    throw new TypeError(`graphVersion should look like v23.0, got ${config.graphVersion}`);
  const prefix = base.pathname.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  const transport = createTransport({
    secure: base.protocol === 'https:',
    maxSockets: config.maxSockets ?? DEFAULT_MAX_SOCKETS,
    idleSocketMs: config.idleSocketMs ?? DEFAULT_IDLE_SOCKET_MS,
    ...(config.lookup ? { lookup: config.lookup } : {}),
  });
  const seenTokens = new Set<string>();
  const secrets = (): readonly string[] => [...seenTokens];
  const redact = (text: string): string => redactSecrets(text, secrets());

  const url = (segments: readonly string[], query: Query = {}): URL => {
    const path = [config.graphVersion, ...segments].map(encodeURIComponent).join('/');
    const out = new URL(`${prefix}/${path}`, base.origin);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) out.searchParams.set(key, String(value));
    return out;
  };

  const isOwnUrl = (candidate: URL): boolean =>
    candidate.origin === base.origin &&
    (prefix === '' || candidate.pathname.startsWith(`${prefix}/`)) &&
    !candidate.username &&
    !candidate.password;

  const log = (spec: CallSpec, result: CallResult, startedAt: number): void => {
    if (!config.onRequest || result.kind === 'no_token') return;
    config.onRequest({
      method: spec.method,
      url: redact(spec.url.toString()),
      httpStatus: result.kind === 'response' ? result.status : null,
      ...(result.kind === 'network' ? { network: result.network } : {}),
      durationMs: Date.now() - startedAt,
    });
  };

  const call = async (spec: CallSpec): Promise<CallResult> => {
    // The token goes only to the host it was configured for, whatever URL a caller hands us.
    if (!isOwnUrl(spec.url) && !(spec.mediaDownload && isMetaMediaUrl(spec.url)))
      throw new TypeError('Refusing to send the access token to another address.');
    const token = (await config.getToken()).trim();
    if (token === '' || !HEADER_SAFE.test(token)) return { kind: 'no_token' };
    seenTokens.add(token);
    // The token travels in the header only; a URL ends up in logs, proxies and error pages.
    spec.url.searchParams.delete('access_token');
    const startedAt = Date.now();
    const result = await transport.request({
      method: spec.method,
      url: spec.url,
      headers: {
        Accept: spec.mediaDownload ? '*/*' : 'application/json',
        'User-Agent': config.userAgent ?? 'CampaignDesk',
        ...spec.headers,
        Authorization: `${spec.authScheme ?? 'Bearer'} ${token}`,
      },
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      timeoutMs,
      timeoutKind: spec.timeoutKind ?? 'total',
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
    const safe =
      result.kind === 'response' ? result : { ...result, message: redact(result.message) };
    log(spec, safe, startedAt);
    return safe;
  };

  return { url, isOwnUrl, call, secrets, redact, close: transport.close };
};
