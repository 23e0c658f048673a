import { describe, expect, it } from 'vitest';
import {
  BUNDLED_RATE_CARD,
  estimateCost,
  graduatedMicro,
  parseTierRange,
  tierProblems,
  type RateCard,
  type VolumeTier,
} from '../../../shared/domain/pricing';

// Illustrative tiers, like the table of Meta's page ("list rate for the first A messages, tier
// rate 1 for A+1 to B"): not Meta's figures.
const TIERS: VolumeTier[] = [
  { from: 1001, to: 5000, price: 0.001 },
  { from: 5001, to: null, price: 0.0005 },
];

const card: RateCard = {
  ...BUNDLED_RATE_CARD,
  tiers: { IN: { UTILITY: TIERS }, rest_of_africa: { AUTHENTICATION: TIERS } },
};

describe('Meta’s tier notation', () => {
  it('reads lower:upper bounds, MAX as none, and refuses anything else', () => {
    expect(parseTierRange('25000001:50000000')).toEqual({ from: 25_000_001, to: 50_000_000 });
    expect(parseTierRange('0:MAX')).toEqual({ from: 1, to: null });
    expect(parseTierRange('100001:max')).toEqual({ from: 100_001, to: null });
    for (const bad of ['', '5:1', 'a:b', '1-5', '1:2:3', '-1:5'])
      expect(parseTierRange(bad), bad).toBeNull();
  });

  it('finds overlapping tiers and bad prices', () => {
    expect(tierProblems(TIERS)).toEqual([]);
    expect(
      tierProblems([
        { from: 1, to: 10, price: 1 },
        { from: 10, to: null, price: 1 },
      ]),
    ).toHaveLength(1);
    expect(tierProblems([{ from: 1, to: null, price: -1 }])).toHaveLength(1);
  });
});

describe('graduated pricing', () => {
  const list = 1400; // $0.0014 in millionths
  it('prices each message at the tier it falls in, the rest at list', () => {
    expect(graduatedMicro(list, TIERS, 0, 1000)).toBe(1000 * 1400);
    expect(graduatedMicro(list, TIERS, 0, 1001)).toBe(1000 * 1400 + 1000);
    expect(graduatedMicro(list, TIERS, 900, 200)).toBe(100 * 1400 + 100 * 1000);
    expect(graduatedMicro(list, TIERS, 4999, 3)).toBe(1 * 1000 + 2 * 500);
    expect(graduatedMicro(list, TIERS, 10_000_000, 2)).toBe(2 * 500);
    expect(graduatedMicro(list, TIERS, 0, 0)).toBe(0);
  });

  it('works out a hundred million messages from the tier bounds, not message by message', () => {
    expect(graduatedMicro(list, TIERS, 0, 100_000_000)).toBe(
      1000 * 1400 + 4000 * 1000 + (100_000_000 - 5000) * 500,
    );
  });
});

describe('estimateCost with volume tiers', () => {
  it('uses the tier the business is in for the month, per market, and says so', () => {
    const e = estimateCost(
      card,
      'UTILITY',
      [{ country: 'IN', messages: 100 }],
      (market, category) => (market === 'IN' && category === 'UTILITY' ? 4950 : 0),
    );
    // 50 at tier 1 ($0.001), 50 at tier 2 ($0.0005).
    expect(e.total).toBeCloseTo(0.075, 10);
    expect(e.countries[0]).toMatchObject({ unitPrice: 0.00075, cost: 0.075 });
    expect(e.volume).toEqual([
      { marketId: 'IN', marketName: 'India', already: 4950, messages: 100 },
    ]);
  });

  it('accrues the countries of one region together', () => {
    const e = estimateCost(
      card,
      'AUTHENTICATION',
      [
        { country: 'KE', messages: 600 },
        { country: 'GH', messages: 600 },
      ],
      () => 0,
    );
    const listPrice = BUNDLED_RATE_CARD.markets.find((m) => m.id === 'rest_of_africa')!.prices
      .AUTHENTICATION;
    // 1,000 at list, then 200 at tier 1.
    expect(e.total).toBeCloseTo(1000 * listPrice + 200 * 0.001, 10);
    expect(e.volume).toEqual([
      { marketId: 'rest_of_africa', marketName: 'Rest of Africa', already: 0, messages: 1200 },
    ]);
  });

  it('never tiers marketing, nor a market or category without tiers', () => {
    const count = () => 1_000_000;
    const plain = estimateCost(BUNDLED_RATE_CARD, 'MARKETING', [{ country: 'IN', messages: 10 }]);
    expect(estimateCost(card, 'MARKETING', [{ country: 'IN', messages: 10 }], count)).toEqual(
      plain,
    );
    const gb = estimateCost(card, 'UTILITY', [{ country: 'GB', messages: 10 }], count);
    expect(gb.volume).toBeUndefined();
    expect(gb.total).toBe(
      estimateCost(BUNDLED_RATE_CARD, 'UTILITY', [{ country: 'GB', messages: 10 }]).total,
    );
    expect(
      estimateCost(card, 'AUTHENTICATION', [{ country: 'IN', messages: 10 }], count).volume,
    ).toBeUndefined();
  });
});
