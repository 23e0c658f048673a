import { describe, expect, it } from 'vitest';
import {
  evenShares,
  newSeed,
  pickVariant,
  sharesProblem,
  variantDraw,
  variantOf,
  type VariantId,
} from '../../../shared/domain/variants';

const N = 100_000;
const SEEDS = [1, 42, 0xdeadbeef, 2 ** 32 - 1, 123_456_789];

function count(
  seed: number,
  shares: { id: VariantId; share: number }[],
  ids: (i: number) => number = (i) => i + 1,
) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < N; i++) {
    const v = variantOf({ seed, variants: shares }, ids(i));
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

/** Pearson's chi-square of observed counts against the expected shares. */
function chiSquare(observed: number[], shares: number[]): number {
  const total = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((x, o, i) => {
    const e = (total * shares[i]!) / 100;
    return x + (o - e) ** 2 / e;
  }, 0);
}

// Critical values of the chi-square distribution at p = 0.001 (1 and 2 degrees of freedom).
const CHI2_1DF = 10.83;
const CHI2_2DF = 13.82;

describe('the A/B draw (seeded, per recipient)', () => {
  it('splits 100,000 recipients 70/30 within 4 binomial standard deviations, for fixed seeds', () => {
    // B ~ Binomial(n, 0.3): sd = sqrt(n·p·(1−p)) ≈ 145, so ±4 sd ≈ ±580 around 30,000.
    const sd = Math.sqrt(N * 0.3 * 0.7);
    for (const seed of SEEDS) {
      const c = count(seed, [
        { id: 'A', share: 70 },
        { id: 'B', share: 30 },
      ]);
      expect(c.A! + c.B!).toBe(N);
      expect(Math.abs(c.B! - N * 0.3)).toBeLessThan(4 * sd);
    }
  });

  it('splits three variants 34/33/33 as a chi-square test does not reject (p > 0.001)', () => {
    const shares = [34, 33, 33];
    for (const seed of SEEDS) {
      const c = count(seed, [
        { id: 'A', share: 34 },
        { id: 'B', share: 33 },
        { id: 'C', share: 33 },
      ]);
      expect(chiSquare([c.A!, c.B!, c.C!], shares)).toBeLessThan(CHI2_2DF);
    }
  });

  it('is uneven where asked to be: 1/99 and 98/1/1', () => {
    const c = count(7, [
      { id: 'A', share: 1 },
      { id: 'B', share: 99 },
    ]);
    expect(Math.abs(c.A! - N * 0.01)).toBeLessThan(4 * Math.sqrt(N * 0.01 * 0.99));
    const d = count(7, [
      { id: 'A', share: 98 },
      { id: 'B', share: 1 },
      { id: 'C', share: 1 },
    ]);
    expect(chiSquare([d.A!, d.B!, d.C!], [98, 1, 1])).toBeLessThan(CHI2_2DF);
  });

  it('gives neighbouring ids independent variants (no pattern along import order)', () => {
    // 2×2 table of (variant of id, variant of id + 1) at 50/50: a chi-square test of independence.
    const split = {
      seed: 42,
      variants: [
        { id: 'A' as const, share: 50 },
        { id: 'B' as const, share: 50 },
      ],
    };
    const t = [
      [0, 0],
      [0, 0],
    ];
    let prev = variantOf(split, 1) === 'A' ? 0 : 1;
    for (let id = 2; id <= N; id++) {
      const cur = variantOf(split, id) === 'A' ? 0 : 1;
      t[prev]![cur]!++;
      prev = cur;
    }
    const total = N - 1;
    const rows = [t[0]![0]! + t[0]![1]!, t[1]![0]! + t[1]![1]!];
    const cols = [t[0]![0]! + t[1]![0]!, t[0]![1]! + t[1]![1]!];
    let x = 0;
    for (const r of [0, 1])
      for (const c of [0, 1])
        x += (t[r]![c]! - (rows[r]! * cols[c]!) / total) ** 2 / ((rows[r]! * cols[c]!) / total);
    expect(x).toBeLessThan(CHI2_1DF);
  });

  it('holds for ids far apart and beyond 2^32 (later imports, big databases)', () => {
    const c = count(
      9,
      [
        { id: 'A', share: 70 },
        { id: 'B', share: 30 },
      ],
      (i) => 2 ** 32 + i * 1009,
    );
    expect(Math.abs(c.B! - N * 0.3)).toBeLessThan(4 * Math.sqrt(N * 0.3 * 0.7));
    expect(variantDraw(1, 5)).not.toBe(variantDraw(1, 5 + 2 ** 32));
  });

  it('is reproducible with the same seed and different with another', () => {
    const a = Array.from({ length: 1000 }, (_, i) => variantDraw(42, i + 1));
    expect(Array.from({ length: 1000 }, (_, i) => variantDraw(42, i + 1))).toEqual(a);
    const b = Array.from({ length: 1000 }, (_, i) => variantDraw(43, i + 1));
    const same = a.filter((u, i) => u < 0.5 === b[i]! < 0.5).length;
    expect(same).toBeGreaterThan(400);
    expect(same).toBeLessThan(600);
    for (const u of [...a, ...b]) {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('picks by cumulative share, the boundary going to the next variant', () => {
    const s = [
      { id: 'A' as const, share: 70 },
      { id: 'B' as const, share: 30 },
    ];
    expect(pickVariant(s, 0)).toBe('A');
    expect(pickVariant(s, 0.6999)).toBe('A');
    expect(pickVariant(s, 0.7)).toBe('B');
    expect(pickVariant(s, 0.99999)).toBe('B');
  });

  it('draws seeds in the 32-bit range', () => {
    expect(newSeed(() => 0)).toBe(0);
    expect(newSeed(() => 0.999999999)).toBeLessThanOrEqual(2 ** 32 - 1);
  });
});

describe('proportions', () => {
  it('are whole percentages of at least 1, adding up to 100, for at most three variants', () => {
    expect(sharesProblem([70, 30])).toBeNull();
    expect(sharesProblem([34, 33, 33])).toBeNull();
    expect(sharesProblem([100])).toBeNull();
    expect(sharesProblem([70, 20])).toMatch(/add up to 90%/);
    expect(sharesProblem([100, 0])).toMatch(/at least 1%/);
    expect(sharesProblem([50.5, 49.5])).toMatch(/whole/);
    expect(sharesProblem([25, 25, 25, 25])).toMatch(/at most 3/);
    expect(sharesProblem([])).toMatch(/at least one/);
  });

  it('split evenly with the remainder first', () => {
    expect(evenShares(1)).toEqual([100]);
    expect(evenShares(2)).toEqual([50, 50]);
    expect(evenShares(3)).toEqual([34, 33, 33]);
  });
});
