import { describe, expect, it } from 'vitest';
import { parseVolumeTiers, readRange } from '../../../electron/core/pricing/tier-csv';

describe('Meta’s volume tier CSV (shape assumed)', () => {
  it('reads ranges as Meta writes tiers and as people do', () => {
    expect(readRange('25000001:50000000')).toEqual({ from: 25_000_001, to: 50_000_000 });
    expect(readRange('0:MAX')).toEqual({ from: 1, to: null });
    expect(readRange('1 - 100,000')).toEqual({ from: 1, to: 100_000 });
    expect(readRange('100,001+')).toEqual({ from: 100_001, to: null });
    expect(readRange('5,000,001 and above')).toEqual({ from: 5_000_001, to: null });
    for (const bad of ['', 'lots', '10 - 5', '1 -', '+']) expect(readRange(bad), bad).toBeNull();
  });

  it('keeps utility and authentication tiers per market, skipping marketing and authentication-international', () => {
    const tiers = parseVolumeTiers(
      [
        'WhatsApp volume tiers, USD',
        'Market,Category,Tier,Rate',
        'India,Utility,"1 - 100,000",0.0014',
        'India,Utility,"100,001+",0.0010',
        'India,Marketing,0:MAX,0.0107',
        'India,Authentication-International,0:MAX,0.028',
        'Rest of Africa,Authentication,1:1000000,0.004',
        'Rest of Africa,Authentication,1000001:MAX,0.0035',
      ].join('\n'),
    );
    expect(tiers).toEqual({
      IN: {
        UTILITY: [
          { from: 1, to: 100_000, price: 0.0014 },
          { from: 100_001, to: null, price: 0.001 },
        ],
      },
      rest_of_africa: {
        AUTHENTICATION: [
          { from: 1, to: 1_000_000, price: 0.004 },
          { from: 1_000_001, to: null, price: 0.0035 },
        ],
      },
    });
  });

  it('refuses a file it cannot price, naming the lines, and one that is no tier file', () => {
    expect(() =>
      parseVolumeTiers(
        [
          'Market,Category,Tier,Rate',
          'Atlantis,Utility,1:10,0.1',
          'India,Utility,ten,0.1',
          'India,Utility,1:10,free',
          'Brazil,Utility,1:10,0.1',
          'Brazil,Utility,5:MAX,0.1',
        ].join('\n'),
      ),
    ).toThrow(
      /line 2: "Atlantis".*line 3: the tier.*line 4: the rate.*BR utility: tiers 1 and 5 overlap/,
    );
    expect(() => parseVolumeTiers('Market,Marketing\nIndia,0.01')).toThrow(
      /not a volume tier file/,
    );
    expect(() => parseVolumeTiers('Market,Category,Tier,Rate\nIndia,Marketing,0:MAX,0.01')).toThrow(
      /no utility or authentication tiers/,
    );
  });
});
