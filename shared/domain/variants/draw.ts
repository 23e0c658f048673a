/**
 * The random split of an A/B test, as a counter-based PRNG: a recipient's draw is a hash of the
 * campaign's seed and the recipient's row id, uniform in [0, 1). A sequential generator would give
 * each recipient a number that depends on who came before it (and so on every exclusion made at start);
 * this one depends on nothing else, so the validation, the estimate and the preview of a draft already
 * see the variant each recipient gets when the campaign starts, and a re-run with the same seed assigns
 * exactly the same variants.
 */

/** Chris Wellons' "lowbias32" integer hash: full avalanche, no bias measurable at this scale. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_32 = 2 ** 32;

/** Uniform in [0, 1) for (seed, id); ids beyond 2^32 fold their high bits in, so none collide by truncation. */
export function variantDraw(seed: number, recipientId: number): number {
  const lo = recipientId >>> 0;
  const hi = Math.floor(recipientId / TWO_32) >>> 0;
  // Two rounds with the seed mixed in between: ids 1, 2, 3… differ in few bits, the output in about half.
  const h = mix32(mix32(lo ^ mix32(seed >>> 0)) ^ mix32(hi + 0x9e3779b9));
  return h / TWO_32;
}

export interface Share<Id extends string = string> {
  id: Id;
  /** A whole percentage; the shares of a split add up to 100. */
  share: number;
}

/** The variant a draw falls into: A takes [0, a), B [a, a + b), and so on. */
export function pickVariant<Id extends string>(shares: readonly Share<Id>[], u: number): Id {
  let upTo = 0;
  for (const s of shares) {
    upTo += s.share;
    if (u * 100 < upTo) return s.id;
  }
  const last = shares[shares.length - 1];
  if (!last) throw new Error('A split needs at least one variant.');
  return last.id;
}

export function variantOf<Id extends string>(
  split: { seed: number; variants: readonly Share<Id>[] },
  recipientId: number,
): Id {
  return pickVariant(split.variants, variantDraw(split.seed, recipientId));
}

/** A fresh seed for a new split (or a re-shuffle). `random` is injectable so tests can fix it. */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * TWO_32) >>> 0;
}
