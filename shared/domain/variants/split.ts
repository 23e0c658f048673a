/** The rules of an A/B(/C) split that both the UI and the core check. */

export const VARIANT_IDS = ['A', 'B', 'C'] as const;
export type VariantId = (typeof VARIANT_IDS)[number];
export const MAX_VARIANTS = VARIANT_IDS.length;

/** Proportions in whole percent: each at least 1, together exactly 100. Null when they are fine. */
export function sharesProblem(shares: readonly number[]): string | null {
  if (shares.length === 0) return 'A split needs at least one variant.';
  if (shares.length > MAX_VARIANTS) return `A campaign has at most ${MAX_VARIANTS} variants.`;
  if (shares.some((s) => !Number.isInteger(s)))
    return 'Proportions are whole percentages, e.g. 70 and 30.';
  if (shares.some((s) => s < 1)) return 'Every variant needs a proportion of at least 1%.';
  const total = shares.reduce((n, s) => n + s, 0);
  if (total !== 100) return `The proportions add up to ${total}%; they must add up to 100%.`;
  return null;
}

/** An even split in whole percent, the first variants taking the remainder: 50/50, 34/33/33. */
export function evenShares(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/** How a split reads to a person: "70/30". */
export const formatShares = (shares: readonly number[]): string => shares.join('/');
