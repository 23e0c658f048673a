import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../shared/domain/errors';

describe('classifyFailure', () => {
  it.each([
    [130429, 'retry_later', true],
    [131056, 'retry_recipient', true],
    [131026, 'fail_recipient', false],
    [131050, 'fail_recipient', false],
    [190, 'pause_campaign', false],
    [132015, 'pause_campaign', false],
  ] as const)('code %i → %s, retryable %s', (code, handling, retryable) => {
    const result = classifyFailure({ code });
    expect(result.handling).toBe(handling);
    expect(result.retryable).toBe(retryable);
    expect(result.ambiguous).toBe(false);
    expect(result.entry.code).toBe(code);
  });

  it('flags 131050 for suppression through its entry', () => {
    expect(classifyFailure({ code: 131050 }).entry.suppress).toBe(true);
  });

  it('decides on the code, not on the HTTP status', () => {
    expect(classifyFailure({ code: 131026, httpStatus: 500 }).handling).toBe('fail_recipient');
    expect(classifyFailure({ code: 130429, httpStatus: 400 }).handling).toBe('retry_later');
    expect(classifyFailure({ code: 190, httpStatus: 429 }).handling).toBe('pause_campaign');
  });

  it('ignores is_transient for known codes', () => {
    expect(classifyFailure({ code: 131026, isTransient: true }).handling).toBe('fail_recipient');
    expect(classifyFailure({ code: 130429, isTransient: false }).handling).toBe('retry_later');
  });

  it('retries unknown codes a little, unless Meta says the error is not transient', () => {
    const unknown = classifyFailure({ code: 424242, message: '(#424242) New thing' });
    expect(unknown.handling).toBe('retry_later');
    expect(unknown.retryable).toBe(true);
    expect(unknown.entry.retryLimit).toBe(2);
    expect(unknown.entry.explanation).toContain('New thing');

    const permanent = classifyFailure({ code: 424242, isTransient: false });
    expect(permanent.handling).toBe('fail_recipient');
    expect(permanent.entry.handling).toBe('fail_recipient');
    expect(permanent.retryable).toBe(false);
    expect(permanent.entry.retryLimit).toBeUndefined();
  });

  describe('without a code', () => {
    it('backs off on 429 and on 503', () => {
      expect(classifyFailure({ httpStatus: 429 })).toMatchObject({
        handling: 'retry_later',
        ambiguous: false,
        retryable: true,
      });
      expect(classifyFailure({ httpStatus: 503 })).toMatchObject({
        handling: 'retry_later',
        ambiguous: false,
        retryable: true,
      });
    });

    it('treats other bare 5xx as ambiguous: a gateway may have lost an answer', () => {
      for (const httpStatus of [500, 502, 504]) {
        expect(classifyFailure({ httpStatus })).toMatchObject({
          handling: 'retry_later',
          ambiguous: true,
          retryable: false,
        });
      }
    });

    it('pauses on 401 and 403', () => {
      expect(classifyFailure({ httpStatus: 401 }).handling).toBe('pause_campaign');
      expect(classifyFailure({ httpStatus: 403 }).handling).toBe('pause_campaign');
    });

    it('describes other statuses generically', () => {
      const r = classifyFailure({ httpStatus: 404 });
      expect(r.handling).toBe('retry_later');
      expect(r.entry.explanation).toContain('HTTP 404');
    });
  });

  describe('network failures', () => {
    it('marks a timeout after sending as ambiguous: never resend it', () => {
      const r = classifyFailure({ network: 'timeout' });
      expect(r.ambiguous).toBe(true);
      expect(r.retryable).toBe(false);
      expect(r.handling).toBe('retry_later');
      expect(r.entry.action).toMatch(/twice/);
    });

    it('marks a connection reset as ambiguous too', () => {
      expect(classifyFailure({ network: 'reset' }).ambiguous).toBe(true);
    });

    it('lets a timeout before sending be retried', () => {
      expect(classifyFailure({ network: 'timeout', requestSent: false })).toMatchObject({
        ambiguous: false,
        retryable: true,
      });
    });

    it.each(['refused', 'dns', 'offline'] as const)(
      '%s: nothing was sent, retry later',
      (network) => {
        expect(classifyFailure({ network })).toMatchObject({
          handling: 'retry_later',
          ambiguous: false,
          retryable: true,
        });
      },
    );

    it('prefers an HTTP status over a network kind: an answer did arrive', () => {
      expect(classifyFailure({ httpStatus: 429, network: 'timeout' }).ambiguous).toBe(false);
    });
  });

  it('handles an empty input', () => {
    expect(classifyFailure({}).handling).toBe('retry_later');
  });
});
