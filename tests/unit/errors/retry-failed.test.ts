import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  REASON_UNKNOWN,
  RETRYABLE_FAILURE_CODES,
  canRetryFailure,
  codeFromWords,
} from '../../../shared/domain/errors';

const H = 3_600_000;
const failedAt = 1_700_000_000_000;
const now = failedAt + 1000;

describe('RETRYABLE_FAILURE_CODES', () => {
  it('includes temporary and fixable failures and the per-user marketing cap', () => {
    expect(RETRYABLE_FAILURE_CODES.get(130429)).toEqual({ afterHours: 0, needsFix: false });
    expect(RETRYABLE_FAILURE_CODES.get(131056)).toEqual({ afterHours: 0, needsFix: false });
    expect(RETRYABLE_FAILURE_CODES.get(131049)).toEqual({ afterHours: 24, needsFix: false });
    expect(RETRYABLE_FAILURE_CODES.get(131042)).toEqual({ afterHours: 0, needsFix: true });
    expect(RETRYABLE_FAILURE_CODES.get(132015)).toEqual({ afterHours: 3, needsFix: true });
  });

  it('excludes failures that are about the person', () => {
    for (const code of [131026, 131050, 130403, 131009, 131021, 130472]) {
      expect(RETRYABLE_FAILURE_CODES.has(code), `code ${code}`).toBe(false);
    }
  });

  it('never includes a suppressed code, and includes every non-recipient failure', () => {
    for (const [code, entry] of CATALOGUE) {
      if (entry.suppress) expect(RETRYABLE_FAILURE_CODES.has(code)).toBe(false);
      if (entry.handling !== 'fail_recipient')
        expect(RETRYABLE_FAILURE_CODES.has(code), `code ${code}`).toBe(true);
    }
  });
});

describe('canRetryFailure', () => {
  it('waits 24 h after a per-user marketing cap', () => {
    expect(canRetryFailure({ code: 131049, failedAt, now, phone: '+447700900123' })).toEqual({
      retry: true,
      notBefore: failedAt + 24 * H,
      ready: false,
      needsFix: false,
    });
    expect(
      canRetryFailure({ code: 131049, failedAt, now: failedAt + 24 * H, phone: '+447700900123' }),
    ).toMatchObject({
      retry: true,
      ready: true,
    });
  });

  it('never retries US marketing, assuming +1 is the US unless told otherwise', () => {
    expect(canRetryFailure({ code: 131049, failedAt, now, phone: '+16315551234' }).retry).toBe(
      false,
    );
    expect(canRetryFailure({ code: 131049, failedAt, now, phone: '16315551234' }).retry).toBe(
      false,
    );
    expect(
      canRetryFailure({
        code: 131049,
        failedAt,
        now,
        phone: '+14165551234',
        recipientCountry: 'CA',
      }).retry,
    ).toBe(true);
  });

  it('lets a utility follow-up go at once after a marketing-only failure', () => {
    expect(
      canRetryFailure({
        code: 131049,
        failedAt,
        now,
        phone: '+16315551234',
        templateCategory: 'utility',
      }),
    ).toEqual({ retry: true, notBefore: failedAt, ready: true, needsFix: false });
  });

  it('never retries opt-outs, not even with a utility template', () => {
    const d = canRetryFailure({
      code: 131050,
      failedAt,
      now,
      phone: '+447700900123',
      templateCategory: 'UTILITY',
    });
    expect(d.retry).toBe(false);
  });

  it('does not retry a number that is not on WhatsApp, and says why', () => {
    const d = canRetryFailure({ code: 131026, failedAt, now, phone: '+447700900123' });
    expect(d).toEqual({ retry: false, reason: expect.stringContaining('not on WhatsApp') });
  });

  it('refuses an ambiguous outcome: it could deliver twice', () => {
    expect(
      canRetryFailure({ code: undefined, failedAt, now, phone: '+447700900123', ambiguous: true })
        .retry,
    ).toBe(false);
  });

  it('retries failures without a code and unknown codes', () => {
    expect(canRetryFailure({ code: undefined, failedAt, now, phone: '+447700900123' }).retry).toBe(
      true,
    );
    expect(canRetryFailure({ code: 999999, failedAt, now, phone: '+447700900123' }).retry).toBe(
      true,
    );
  });

  it('asks for a fix first after account problems, including the permission range', () => {
    expect(canRetryFailure({ code: 190, failedAt, now, phone: '+447700900123' })).toMatchObject({
      retry: true,
      needsFix: true,
    });
    expect(canRetryFailure({ code: 250, failedAt, now, phone: '+447700900123' })).toMatchObject({
      retry: true,
      needsFix: true,
    });
  });
});

describe('failures without a code', () => {
  const uk = '+447700900123';
  it('never retries one WhatsApp accepted and then failed without a reason', () => {
    expect(
      canRetryFailure({
        code: undefined,
        accepted: true,
        words: 'Failed',
        failedAt,
        now,
        phone: uk,
      }),
    ).toEqual({ retry: false, reason: REASON_UNKNOWN });
  });

  it('retries one that never reached WhatsApp (nothing was sent)', () => {
    expect(canRetryFailure({ code: undefined, failedAt, now, phone: uk })).toMatchObject({
      retry: true,
      ready: true,
    });
  });

  it("reads Meta's own wording of an opt-out and of the marketing cap", () => {
    const optOut =
      'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business';
    expect(codeFromWords(optOut)).toBe(131050);
    expect(
      codeFromWords(
        'The recipient has chosen to stop receiving marketing messages from this business.',
      ),
    ).toBe(131050);
    expect(
      codeFromWords('This message was not delivered to maintain healthy ecosystem engagement.'),
    ).toBe(131049);
    expect(codeFromWords('Message undeliverable')).toBeUndefined();
    expect(codeFromWords('stop '.repeat(1000))).toBeUndefined();
    expect(
      canRetryFailure({ code: undefined, accepted: true, words: optOut, failedAt, now, phone: uk }),
    ).toEqual({ retry: false, reason: CATALOGUE.get(131050)!.explanation });
    expect(
      canRetryFailure({
        code: undefined,
        accepted: true,
        words: 'not delivered to maintain healthy ecosystem engagement',
        failedAt,
        now,
        phone: uk,
      }),
    ).toMatchObject({ retry: true, notBefore: failedAt + 24 * H, ready: false });
  });
});
