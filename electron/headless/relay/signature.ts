import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Meta's webhook signature header value for a body (cloud-api.md §4.3); checked in body.ts. */
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
