import { randomBytes } from 'node:crypto';

/** mulberry32: a tiny seeded generator so simulated outcomes and faults replay identically. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** FNV-1a, to derive a per-message seed from stable facts instead of from arrival order. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** Meta's fbtrace ids look like `Az8or2yhqkZfEZ-_4Qn_Bam`. */
export const traceId = (): string => randomBytes(17).toString('base64url');

/**
 * Numeric Graph-style ids. They stay below 2^53 because Meta's template status webhook carries the
 * template id as a JSON integer (cloud-api.md §6.3).
 */
export const createIdMaker = () => {
  // A random start keeps ids of two sandboxes (or two runs against one database) apart.
  let next = 1_000_000_000_000_000 + Math.floor(Math.random() * 1_000_000_000_000) * 1000;
  return (): string => String(next++);
};

/**
 * Real wamids are base64 of an opaque binary holding the recipient; the app must treat them as
 * opaque, so a unique base64 string of similar length is enough.
 */
export const createWamidMaker = () => {
  const run = randomBytes(6).toString('hex').toUpperCase();
  let counter = 0;
  return (waId: string): string => {
    counter += 1;
    const raw = `${waId}\u0015\u0002\u0000${run}${counter.toString(16).toUpperCase().padStart(8, '0')}`;
    return `wamid.HBgL${Buffer.from(raw, 'latin1').toString('base64')}`;
  };
};
