import { describe, expect, it } from 'vitest';
import {
  applyRateEdits,
  BUNDLED_RATE_CARD,
  estimateCost,
  marketFor,
  OTHER_MARKET_ID,
  PRICED_CATEGORIES,
  pricedCategory,
} from '../../../shared/domain/pricing';

describe('the bundled rate card', () => {
  it('is dated, in USD, has a price per category for every market and one catch-all row', () => {
    expect(BUNDLED_RATE_CARD.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(BUNDLED_RATE_CARD.currency).toBe('USD');
    for (const m of BUNDLED_RATE_CARD.markets) {
      for (const c of PRICED_CATEGORIES) {
        expect(m.prices[c], `${m.id} ${c}`).toBeGreaterThan(0);
        expect(m.prices[c], `${m.id} ${c}`).toBeLessThan(1);
      }
    }
    expect(
      BUNDLED_RATE_CARD.markets.filter((m) => m.countries.length === 0).map((m) => m.id),
    ).toEqual([OTHER_MARKET_ID]);
    const countries = BUNDLED_RATE_CARD.markets.flatMap((m) => m.countries);
    expect(new Set(countries).size).toBe(countries.length);
    for (const c of countries) expect(c).toMatch(/^[A-Z]{2}$/);
  });

  it('puts a country in its market, and unlisted or unknown ones in the rest of the world', () => {
    expect(marketFor(BUNDLED_RATE_CARD, 'US').id).toBe('north_america');
    expect(marketFor(BUNDLED_RATE_CARD, 'ca').id).toBe('north_america');
    expect(marketFor(BUNDLED_RATE_CARD, 'GG').id).toBe('GB');
    expect(marketFor(BUNDLED_RATE_CARD, 'BR').id).toBe('BR');
    expect(marketFor(BUNDLED_RATE_CARD, 'JM').id).toBe('rest_of_latin_america');
    expect(marketFor(BUNDLED_RATE_CARD, 'KE').id).toBe('rest_of_africa');
    expect(marketFor(BUNDLED_RATE_CARD, 'AU').id).toBe('rest_of_asia_pacific');
    expect(marketFor(BUNDLED_RATE_CARD, 'PL').id).toBe('rest_of_central_eastern_europe');
    expect(marketFor(BUNDLED_RATE_CARD, 'PT').id).toBe('rest_of_western_europe');
    expect(marketFor(BUNDLED_RATE_CARD, 'JO').id).toBe('rest_of_middle_east');
    expect(marketFor(BUNDLED_RATE_CARD, 'AQ').id).toBe(OTHER_MARKET_ID);
    expect(marketFor(BUNDLED_RATE_CARD, null).id).toBe(OTHER_MARKET_ID);
  });
});

describe('estimateCost', () => {
  it('multiplies delivered-message prices by recipients per country, most expensive first, without float drift', () => {
    const e = estimateCost(BUNDLED_RATE_CARD, 'MARKETING', [
      { country: 'US', messages: 1_000_000 },
      { country: 'GB', messages: 3 },
      { country: null, messages: 1 },
      { country: 'DE', messages: 0 },
    ]);
    expect(e).toMatchObject({ category: 'MARKETING', categoryAssumed: false, messages: 1_000_004 });
    expect(
      e.countries.map((c) => [c.country, c.marketId, c.messages, c.unitPrice, c.cost]),
    ).toEqual([
      ['US', 'north_america', 1_000_000, 0.025, 25_000],
      ['GB', 'GB', 3, 0.0529, 0.1587],
      [null, OTHER_MARKET_ID, 1, 0.0604, 0.0604],
    ]);
    expect(e.total).toBe(25_000.2191);
  });

  it('prices by the template category; an unknown category is priced as marketing and flagged', () => {
    expect(
      estimateCost(BUNDLED_RATE_CARD, 'utility', [{ country: 'IN', messages: 10 }]).total,
    ).toBe(0.014);
    expect(
      estimateCost(BUNDLED_RATE_CARD, 'AUTHENTICATION', [{ country: 'DE', messages: 1 }]).total,
    ).toBe(0.0768);
    expect(pricedCategory('SERVICE')).toEqual({ category: 'MARKETING', assumed: true });
    expect(
      estimateCost(BUNDLED_RATE_CARD, 'SERVICE', [{ country: 'IN', messages: 1 }]),
    ).toMatchObject({ categoryAssumed: true, total: 0.0107 });
  });

  it('an empty audience costs nothing', () => {
    expect(estimateCost(BUNDLED_RATE_CARD, 'MARKETING', [])).toMatchObject({
      total: 0,
      messages: 0,
      countries: [],
    });
  });
});

describe('applyRateEdits', () => {
  it('changes only the edited prices and ignores unknown markets and impossible values', () => {
    const card = applyRateEdits(BUNDLED_RATE_CARD, {
      GB: { MARKETING: 0.06 },
      atlantis: { MARKETING: 1 },
      BR: { UTILITY: -1, MARKETING: Number.NaN },
    });
    expect(marketFor(card, 'GB').prices).toEqual({
      ...marketFor(BUNDLED_RATE_CARD, 'GB').prices,
      MARKETING: 0.06,
    });
    expect(marketFor(card, 'BR').prices).toEqual(marketFor(BUNDLED_RATE_CARD, 'BR').prices);
    expect(card.effectiveDate).toBe(BUNDLED_RATE_CARD.effectiveDate);
    // The bundled card itself is never changed.
    expect(marketFor(BUNDLED_RATE_CARD, 'GB').prices.MARKETING).toBe(0.0529);
  });
});
