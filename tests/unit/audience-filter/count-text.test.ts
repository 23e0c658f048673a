import { describe, expect, it } from 'vitest';
import type { FilterCount } from '../../../shared/api';
import { countText } from '../../../renderer/src/features/audience/filter/count-text';
import { createFormat } from '../../../shared/format';

const en = createFormat({ locale: 'en-GB', timeZone: 'UTC' });
const count = (c: Partial<FilterCount>): FilterCount =>
  ({
    campaignId: 1,
    filtered: true,
    total: 6,
    matching: 4,
    alreadySkipped: 0,
    excludedAtStart: 0,
    checks: [],
    frozen: false,
    ...c,
  }) as FilterCount;

describe('the audience filter count in words', () => {
  it('agrees with its numbers', () => {
    expect(countText(count({ filtered: false, total: 1 }), en)).toBe(
      'No filter: the 1 recipient gets it.',
    );
    expect(countText(count({ filtered: false, total: 1200 }), en)).toBe(
      'No filter: all 1,200 recipients get it.',
    );
    expect(countText(count({}), en)).toBe('4 of 6 recipients match.');
    expect(countText(count({ matching: 1 }), en)).toBe('1 of 6 recipients matches.');
    expect(countText(count({ matching: 0, total: 1 }), en)).toBe('0 of 1 recipient match.');
    expect(countText(count({ frozen: true, excludedAtStart: 1 }), en)).toBe(
      '4 of 6 recipients match; 1 was left out when sending started.',
    );
    expect(countText(count({ frozen: true, excludedAtStart: 2 }), en)).toBe(
      '4 of 6 recipients match; 2 were left out when sending started.',
    );
  });
});
