import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'ok' | 'missing' | 'mismatch';

/**
 * Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, key =
 * app secret>` (cloud-api.md §4.3). Computed over the exact bytes received, before any parsing, and
 * compared in constant time.
 */
export function checkSignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  appSecret: string,
): SignatureCheck {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return 'missing';
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim());
  if (!m?.[1]) return 'mismatch';
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(m[1], 'hex')) ? 'ok' : 'mismatch';
}

export function sign(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Constant-time comparison of two secrets of any length (hashing first evens the lengths). */
export function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (given === undefined || given === null) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
