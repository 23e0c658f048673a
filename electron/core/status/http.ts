import { SourceError } from './sources/types';

/** A page of 100 relay events of at most 3 MB each is far below this; a larger answer is not a relay's. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** The answer was larger than we read in one go: ask for fewer events. */
export class TooLargeError extends SourceError {}
/** The server failed (HTTP 5xx); for a feed, often a page too big for it to build. */
export class ServerError extends SourceError {}

const describeNetwork = (e: unknown): string => {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return 'nothing answers at that address (is the relay running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'the address cannot be resolved (offline, or a typo in the URL?)';
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
    return 'no answer in time';
  return cause instanceof Error ? cause.message : String(cause);
};

/**
 * GET a JSON document with a bearer token: bounded in time and size, never following redirects (the
 * token must not travel to another host). Failures become SourceErrors with words a user can act on.
 */
export async function getJson(url: URL, token: string, signal: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (e) {
    if (signal.aborted) throw new SourceError('Stopped.');
    throw new SourceError(`Could not reach ${url.host}: ${describeNetwork(e)}.`);
  }
  const where = `${url.host}${url.pathname}`;
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new SourceError(
      `${where} refused the read token (HTTP ${res.status}). Check the token variable in the status settings.`,
      15 * 60_000,
    );
  }
  if (res.status === 429) {
    await res.body?.cancel();
    const after = Number(res.headers.get('retry-after'));
    throw new SourceError(
      `${where} asks us to slow down (HTTP 429).`,
      Number.isFinite(after) && after > 0 ? after * 1000 : 60_000,
    );
  }
  if (res.status >= 500) {
    await res.body?.cancel();
    throw new ServerError(`${where} answered HTTP ${res.status}.`);
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel();
    throw new SourceError(`${where} answered HTTP ${res.status}.`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_RESPONSE_BYTES)
        throw new TooLargeError(
          `${where} sent more than ${MAX_RESPONSE_BYTES / 2 ** 20} MB in one answer.`,
        );
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`The answer from ${url.host} broke off: ${describeNetwork(e)}.`);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new SourceError(
      `${where} did not answer with JSON (is the URL the relay's base address?).`,
    );
  }
}
