import { describe, expect, it } from 'vitest';
import { readPrice } from '../../../electron/core/pricing/meta-card-csv';
import { BUNDLED_RATE_CARD, cardInForce, type RateCard } from '../../../shared/domain/pricing';

describe("reading Meta's rate card", () => {
  it('reads prices as Meta prints them in its currencies, and nothing else', () => {
    expect(readPrice('0.0250')).toBe(0.025);
    expect(readPrice('$0.025')).toBe(0.025);
    expect(readPrice('1,234.50')).toBe(1234.5);
    expect(readPrice('0,0250')).toBe(0.025);
    expect(readPrice(' 12 ')).toBe(12);
    for (const bad of ['n/a', '', undefined, '-0.01', 'abc', '1.2.3'])
      expect(readPrice(bad), String(bad)).toBeNull();
  });

  it('chooses the card in force on a day: the newest on or before it, else the oldest', () => {
    const at = (effectiveDate: string): RateCard => ({ ...BUNDLED_RATE_CARD, effectiveDate });
    const cards = [at('2026-01-01'), at('2025-07-01'), at('2025-10-01')];
    expect(cardInForce(cards, '2025-09-30').effectiveDate).toBe('2025-07-01');
    expect(cardInForce(cards, '2025-10-01').effectiveDate).toBe('2025-10-01');
    expect(cardInForce(cards, '2026-12-07').effectiveDate).toBe('2026-01-01');
    expect(cardInForce(cards, '2024-01-01').effectiveDate).toBe('2025-07-01');
    expect(() => cardInForce([], '2026-01-01')).toThrow();
  });
});
