import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BodyBudget } from './limits';

export type SignedBody =
  | { kind: 'ok'; raw: Buffer }
  | { kind: 'missing' }
  | { kind: 'mismatch' }
  | { kind: 'too_large' }
  | { kind: 'busy' }
  | { kind: 'aborted' };

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
/** A refused oversized body is read and dropped up to this, so the client sees our 413, not a reset. */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

/** Reads and discards the rest of a refused body (holding none of it), within the drain bound. */
function drain(req: IncomingMessage, already: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = already;
    const done = () => {
      req.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > MAX_DRAIN_BYTES) {
        req.pause();
        done();
      }
    };
    req.on('data', onData);
    req.once('end', done);
    req.once('close', done);
    req.resume();
  });
}

/** Collects chunks while `accept` says yes; settles with the reason it stopped. */
function collect(
  req: IncomingMessage,
  accept: (chunk: Buffer) => 'ok' | 'too_large' | 'busy',
): Promise<'end' | 'too_large' | 'busy' | 'aborted'> {
  return new Promise((resolve) => {
    const finish = (why: 'end' | 'too_large' | 'busy' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      resolve(why);
    };
    const onData = (chunk: Buffer) => {
      const verdict = accept(chunk);
      if (verdict !== 'ok') {
        req.pause();
        finish(verdict);
      }
    };
    const onEnd = () => finish('end');
    const onClose = () => finish(req.complete ? 'end' : 'aborted');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.once('error', onClose);
  });
}

/**
 * Reads a webhook body while hashing it, within a per-request cap and the relay's shared budget.
 * The header is checked before any byte is read, so an unsigned request costs nothing; the HMAC runs
 * over chunks as they arrive, and the bytes held are given back to the budget whatever happens.
 * Only a body whose signature matches is returned (cloud-api.md §4.3: HMAC-SHA256 of the raw body,
 * key = app secret, `X-Hub-Signature-256: sha256=<hex>`).
 */
export async function readSignedBody(
  req: IncomingMessage,
  appSecret: string,
  maxBytes: number,
  budget: BodyBudget,
): Promise<SignedBody> {
  const header = req.headers['x-hub-signature-256'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (value === '') return { kind: 'missing' };
  const expectedHex = SIGNATURE.exec(value)?.[1];
  if (!expectedHex) return { kind: 'mismatch' };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (declared <= MAX_DRAIN_BYTES) await drain(req, 0);
    return { kind: 'too_large' };
  }
  if (!budget.enter()) return { kind: 'busy' };

  const hmac = createHmac('sha256', appSecret);
  const chunks: Buffer[] = [];
  let held = 0;
  let why: Awaited<ReturnType<typeof collect>>;
  try {
    why = await collect(req, (chunk) => {
      if (held + chunk.length > maxBytes) return 'too_large';
      if (!budget.take(chunk.length)) return 'busy';
      held += chunk.length;
      hmac.update(chunk);
      chunks.push(chunk);
      return 'ok';
    });
  } finally {
    budget.leave(held);
  }
  if (why === 'too_large') {
    chunks.length = 0;
    await drain(req, held);
    return { kind: 'too_large' };
  }
  if (why !== 'end') return { kind: why };
  const ok = timingSafeEqual(hmac.digest(), Buffer.from(expectedHex, 'hex'));
  return ok ? { kind: 'ok', raw: Buffer.concat(chunks, held) } : { kind: 'mismatch' };
}
