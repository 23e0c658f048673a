import { describe, expect, it } from 'vitest';
import { ofKind, parseWebhook } from '../../../shared/domain/status';

// The example of "Tiering webhooks" on Meta's pricing page (updated Mar 30, 2026).
const metaExample = (info: unknown, event = 'VOLUME_BASED_PRICING_TIER_UPDATE') => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      time: 1743451903,
      changes: [{ value: { volume_tier_info: info, event }, field: 'account_update' }],
    },
  ],
});

const INFO = {
  tier_update_time: 1743451903,
  pricing_category: 'UTILITY',
  tier: '25000001:50000000',
  effective_month: '2025-11',
  region: 'India',
};

describe('the volume tier webhook', () => {
  it('reads Meta’s example as a tier reached for a month, market and category', () => {
    const out = parseWebhook(metaExample(INFO));
    expect(out.problems).toEqual([]);
    expect(ofKind(out.observations, 'tier')).toEqual([
      {
        kind: 'tier',
        wabaId: '102290129340398',
        month: '2025-11',
        category: 'UTILITY',
        region: 'India',
        tierFrom: 25_000_001,
        tierTo: 50_000_000,
        at: 1743451903,
        raw: expect.anything(),
      },
    ]);
  });

  it('ignores other account updates and reports a malformed tier without throwing', () => {
    expect(parseWebhook(metaExample(INFO, 'ACCOUNT_VIOLATION'))).toMatchObject({
      observations: [],
      problems: [],
      ignored: 1,
    });
    const bad = parseWebhook(metaExample({ ...INFO, tier: 'lots' }));
    expect(bad.observations).toEqual([]);
    expect(bad.problems[0]).toMatch(/not lower:upper/);
    const month = parseWebhook(metaExample({ ...INFO, effective_month: '2025-13' }));
    expect(month.problems[0]).toMatch(/malformed/);
  });
});
