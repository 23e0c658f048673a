import { describe, expect, it } from 'vitest';
import {
  BUNDLED_RATE_CARD,
  cardInForce,
  cardOnDay,
  caveatsFor,
  estimateCost,
  marketFor,
  OTHER_MARKET_ID,
  reportedRuleCaveats,
  type PricingChange,
  type RateCard,
} from '../../../shared/domain/pricing';

const idOn = (day: string, country: string) =>
  marketFor(cardOnDay(BUNDLED_RATE_CARD, day).card, country).id;

describe('Meta’s market structure by date', () => {
  it('prices Zimbabwe as Other until 2025-09-30 and as Rest of Africa from 2025-10-01', () => {
    expect(idOn('2025-07-15', 'ZW')).toBe(OTHER_MARKET_ID);
    expect(idOn('2025-09-30', 'ZW')).toBe(OTHER_MARKET_ID);
    expect(idOn('2025-10-01', 'ZW')).toBe('rest_of_africa');
    expect(idOn('2026-12-08', 'ZW')).toBe('rest_of_africa');
  });

  it('gives the nine markets of 2026-10-01 their own rows, at their former market’s prices, marked assumed', () => {
    const before = cardOnDay(BUNDLED_RATE_CARD, '2026-09-30').card;
    const after = cardOnDay(BUNDLED_RATE_CARD, '2026-10-01');
    expect(marketFor(before, 'BD').id).toBe('rest_of_asia_pacific');
    expect(marketFor(before, 'KZ').id).toBe(OTHER_MARKET_ID);
    expect(marketFor(before, 'UA').id).toBe('rest_of_central_eastern_europe');
    for (const c of ['BD', 'IQ', 'KZ', 'KW', 'MA', 'NP', 'OM', 'LK', 'UA'])
      expect(marketFor(after.card, c).id, c).toBe(c);
    expect(marketFor(after.card, 'BD').prices).toEqual(marketFor(before, 'BD').prices);
    expect(marketFor(after.card, 'KZ').prices).toEqual(marketFor(before, 'KZ').prices);
    // Their neighbours stay where they were.
    expect(marketFor(after.card, 'JO').id).toBe('rest_of_middle_east');
    expect(marketFor(after.card, 'PL').id).toBe('rest_of_central_eastern_europe');
    expect(after.structureAsOf).toBe('2026-10-01');
    const assumed = after.caveats.filter((c) => c.markets.includes('BD'));
    expect(assumed.map((c) => c.text).join(' ')).toMatch(/former market's prices/);
    // No country is in two rows, and the catch-all row is still last.
    const countries = after.card.markets.flatMap((m) => m.countries);
    expect(new Set(countries).size).toBe(countries.length);
    expect(after.card.markets.at(-1)?.id).toBe(OTHER_MARKET_ID);
  });

  it('lists Meta’s dated rate changes the card lacks, only for the markets and category priced', () => {
    const { caveats } = cardOnDay(BUNDLED_RATE_CARD, '2026-02-01');
    const india = caveatsFor(caveats, new Set(['IN']), 'MARKETING');
    expect(india).toHaveLength(1);
    expect(india[0]).toMatch(/2026-01-01.*India.*higher marketing rate/);
    expect(caveatsFor(caveats, new Set(['IN']), 'UTILITY')).toEqual([]);
    expect(caveatsFor(caveats, new Set(['GB']), 'MARKETING')).toEqual([]);
    // A change after the send date is not a caveat yet.
    expect(caveatsFor(caveats, new Set(['PK']), 'UTILITY')).toEqual([]);
    expect(
      caveatsFor(cardOnDay(BUNDLED_RATE_CARD, '2026-04-01').caveats, new Set(['PK']), 'UTILITY'),
    ).toHaveLength(1);
  });

  it('applies moves to an imported card too, but takes no rate caveat for changes before its date', () => {
    const imported: RateCard = {
      ...BUNDLED_RATE_CARD,
      effectiveDate: '2026-04-01',
      source: 'imported',
      markets: BUNDLED_RATE_CARD.markets.map((m) =>
        m.id === 'rest_of_africa' ? { ...m, countries: [...m.countries, 'ZW'] } : m,
      ),
    };
    const on = cardOnDay(imported, '2026-05-01');
    expect(marketFor(on.card, 'ZW').id).toBe('rest_of_africa');
    expect(on.card.markets.flatMap((m) => m.countries).filter((c) => c === 'ZW')).toHaveLength(1);
    expect(on.caveats).toEqual([]);
    expect(on.structureAsOf).toBe('2026-04-01');
  });

  it('leaves a card that already has a country’s own row alone (Meta’s card of 2026-10-01 imported)', () => {
    const withBd: RateCard = {
      ...BUNDLED_RATE_CARD,
      effectiveDate: '2026-10-01',
      markets: [
        {
          id: 'BD',
          name: 'Bangladesh',
          countries: ['BD'],
          prices: { MARKETING: 0.07, UTILITY: 0.0031, AUTHENTICATION: 0.0031 },
        },
        ...BUNDLED_RATE_CARD.markets.map((m) => ({
          ...m,
          countries: m.countries.filter((c) => c !== 'BD'),
        })),
      ],
    };
    const on = cardOnDay(withBd, '2026-11-01');
    expect(marketFor(on.card, 'BD').prices.UTILITY).toBe(0.0031);
    expect(on.caveats.some((c) => c.markets.includes('BD'))).toBe(false);
  });

  it('takes the changes it is given, in date order whatever their order in the list', () => {
    const changes: PricingChange[] = [
      {
        date: '2026-03-01',
        moves: [{ country: 'KE', name: 'Kenya', to: OTHER_MARKET_ID }],
        rates: [],
        source: 't',
        verified: true,
      },
      {
        date: '2026-02-01',
        moves: [{ country: 'KE', name: 'Kenya', to: 'own' }],
        rates: [],
        source: 't',
        verified: true,
      },
    ];
    expect(marketFor(cardOnDay(BUNDLED_RATE_CARD, '2026-02-15', changes).card, 'KE').id).toBe('KE');
    // "other" is the catch-all: a country not listed anywhere is priced there.
    expect(marketFor(cardOnDay(BUNDLED_RATE_CARD, '2026-03-15', changes).card, 'KE').id).toBe(
      OTHER_MARKET_ID,
    );
  });

  it('prices an estimate on a send date after a move at the row in force that day', () => {
    const day = '2026-10-02';
    const card = cardOnDay(cardInForce([BUNDLED_RATE_CARD], day), day).card;
    const e = estimateCost(card, 'UTILITY', [{ country: 'UA', messages: 10 }]);
    expect(e.countries[0]).toMatchObject({ marketId: 'UA', marketName: 'Ukraine', messages: 10 });
  });

  it('shows the partner-reported 2026-10-01 rule as a caveat on utility estimates from that day only', () => {
    expect(reportedRuleCaveats('2026-09-30')).toEqual([]);
    const on = reportedRuleCaveats('2026-10-01');
    expect(caveatsFor(on, new Set(['GB']), 'UTILITY')[0]).toMatch(/not confirmed on Meta/);
    expect(caveatsFor(on, new Set(['GB']), 'MARKETING')).toEqual([]);
  });
});
