import { describe, expect, it } from 'vitest';
import { leftOutReason } from '../../../electron/core/campaigns/retry-reasons';
import { REASON_UNKNOWN, canRetryFailure } from '../../../shared/domain/errors';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 2, 2, 12);

function reason(code: number | undefined, failedAt = now, phone = '+447911123401') {
  const decision = canRetryFailure({
    code,
    accepted: true,
    failedAt,
    now,
    phone,
    templateCategory: 'MARKETING',
  });
  return leftOutReason(code, decision, now);
}

describe('why a failed recipient stays out of a retry', () => {
  it('says how long WhatsApp asks to wait after a marketing limit, and nothing once it has passed', () => {
    expect(reason(131049)).toBe('WhatsApp asks to wait 24 hours after a marketing limit');
    expect(reason(131049, now - 25 * HOUR)).toBeNull();
  });

  it('names the failure in the app’s words when it is not worth sending again', () => {
    expect(reason(131050)).toBe('Stopped your marketing messages (not worth sending again)');
    expect(reason(131026)).toMatch(/^Not reachable on WhatsApp \(not worth sending again\)$/);
  });

  it('keeps the full sentence when the decision is not the catalogue’s explanation', () => {
    expect(reason(131049, now, '+12025550123')).toBe(
      'WhatsApp does not deliver marketing messages to US numbers.',
    );
    expect(reason(undefined)).toBe(REASON_UNKNOWN);
  });

  it('includes a temporary failure right away', () => {
    expect(reason(131000)).toBeNull();
  });
});
