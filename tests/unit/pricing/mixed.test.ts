import { describe, expect, it } from 'vitest';
import {
  BUNDLED_RATE_CARD,
  estimateCost,
  estimateMixedCost,
  marketFor,
} from '../../../shared/domain/pricing';

describe('estimateMixedCost (A/B variants at their own categories)', () => {
  it('adds the parts up per country, exactly, with the average price where categories differ', () => {
    const us = marketFor(BUNDLED_RATE_CARD, 'US').prices;
    const gb = marketFor(BUNDLED_RATE_CARD, 'GB').prices;
    const r = estimateMixedCost(BUNDLED_RATE_CARD, [
      {
        category: 'MARKETING',
        byCountry: [
          { country: 'US', messages: 700_000 },
          { country: 'GB', messages: 3 },
        ],
      },
      { category: 'UTILITY', byCountry: [{ country: 'US', messages: 300_000 }] },
    ]);
    const usCost = 700_000 * us.MARKETING + 300_000 * us.UTILITY;
    expect(r.messages).toBe(1_000_003);
    expect(r.total).toBeCloseTo(usCost + 3 * gb.MARKETING, 9);
    const row = r.countries.find((c) => c.country === 'US')!;
    expect(row).toMatchObject({ messages: 1_000_000 });
    expect(row.cost).toBeCloseTo(usCost, 9);
    expect(row.unitPrice).toBeCloseTo(usCost / 1_000_000, 6);
    expect(r.countries.find((c) => c.country === 'GB')?.unitPrice).toBe(gb.MARKETING);
    expect(r.category).toBe('MARKETING');
    expect(r.parts.map((p) => p.category)).toEqual(['MARKETING', 'UTILITY']);
  });

  it('is the plain estimate for a single part, and flags a category Meta does not price', () => {
    const byCountry = [
      { country: 'DE', messages: 10 },
      { country: null, messages: 2 },
    ];
    const { parts: _parts, ...one } = estimateMixedCost(BUNDLED_RATE_CARD, [
      { category: 'UTILITY', byCountry },
    ]);
    expect(one).toEqual(estimateCost(BUNDLED_RATE_CARD, 'UTILITY', byCountry));
    expect(
      estimateMixedCost(BUNDLED_RATE_CARD, [
        { category: 'UTILITY', byCountry },
        { category: 'SERVICE', byCountry },
      ]).categoryAssumed,
    ).toBe(true);
  });
});
