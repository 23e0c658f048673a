import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  FAILURE_HANDLINGS,
  describeError,
  isKnownCode,
  lookupCode,
} from '../../../shared/domain/errors';

/** Every code in cloud-api.md §2.2 that a send can return (131052 is inbound-only, 470 is On-Premises). */
const TABLE_CODES = [
  0, 1, 2, 3, 4, 10, 33, 80007, 100, 130403, 130429, 130472, 130497, 131000, 131005, 131008, 131009,
  131016, 131021, 131026, 131030, 131031, 131037, 131042, 131045, 131047, 131048, 131049, 131050,
  131051, 131053, 131055, 131056, 131057, 131063, 131064, 132000, 132001, 132005, 132007, 132012,
  132015, 132016, 132018, 132068, 132069, 133010, 134100, 134101, 134102, 135000, 190, 200, 368,
];

/** Codes from Meta's current list added in 2026 (cloud-api.md §13). */
const CODES_2026 = [132008, 131062, 137000, 131052, 133016];

// Words a shop owner should not have to look up.
const JARGON = /\b(WABA|API|HTTP|OAuth|payload|subcodes?|param(eter)?s?|endpoint|Graph|mps)\b/i;

describe('error catalogue', () => {
  it('covers every code in the reference table', () => {
    const missing = TABLE_CODES.filter((code) => !CATALOGUE.has(code));
    expect(missing).toEqual([]);
  });

  it("covers the codes Meta's current list added, each with a handling that is not the unknown path", () => {
    for (const code of CODES_2026) {
      expect(isKnownCode(code), `code ${code}`).toBe(true);
      expect(describeError(code).title).not.toMatch(/Unrecognised/);
    }
    // A per-row value problem fails that customer only; a username-only contact cannot be retried.
    expect(describeError(132008).handling).toBe('fail_recipient');
    expect(describeError(131062).handling).toBe('fail_recipient');
    expect(describeError(137000).handling).toBe('fail_recipient');
    expect(describeError(133016).handling).toBe('pause_campaign');
  });

  it('points the Marketing Messages codes at the sending-method setting that exists (issue 17)', () => {
    for (const code of [131055, 131063, 134100, 134102]) {
      expect(CATALOGUE.get(code)?.action, `code ${code}`).toMatch(
        /sending method .*Settings → Accounts \(marketing-api (on|off)\)/,
      );
    }
    // Only those: no other entry sends the user to a setting about sending methods.
    for (const [code, entry] of CATALOGUE) {
      if ([131055, 131063, 134100, 134102].includes(code)) continue;
      expect(`${entry.explanation} ${entry.action}`, `code ${code}`).not.toMatch(/sending method/i);
    }
  });

  it('has a title, a plain explanation and a next step for every entry', () => {
    for (const [code, entry] of CATALOGUE) {
      expect(entry.code, `code ${code}`).toBe(code);
      expect(entry.title.trim(), `title ${code}`).not.toBe('');
      expect(entry.explanation.trim().length, `explanation ${code}`).toBeGreaterThan(20);
      expect(entry.action.trim().length, `action ${code}`).toBeGreaterThan(10);
      expect(entry.explanation, `jargon in ${code}`).not.toMatch(JARGON);
      expect(FAILURE_HANDLINGS).toContain(entry.handling);
    }
  });

  it('uses each handling class somewhere', () => {
    const used = new Set([...CATALOGUE.values()].map((e) => e.handling));
    expect([...used].sort()).toEqual([...FAILURE_HANDLINGS].sort());
  });

  it.each([
    [130429, 'retry_later'],
    [2, 'retry_later'],
    [131000, 'retry_later'],
    [131056, 'retry_recipient'],
    [131026, 'fail_recipient'],
    [131009, 'fail_recipient'],
    [131049, 'fail_recipient'],
    [131050, 'fail_recipient'],
    [130403, 'fail_recipient'],
    [0, 'pause_campaign'],
    [190, 'pause_campaign'],
    [10, 'pause_campaign'],
    [132015, 'pause_campaign'],
    [132016, 'pause_campaign'],
    [132001, 'pause_campaign'],
    [132000, 'pause_campaign'],
    [132012, 'pause_campaign'],
    [131031, 'pause_campaign'],
    [368, 'pause_campaign'],
    [131042, 'pause_campaign'],
    [131048, 'pause_campaign'],
  ] as const)('code %i is handled as %s', (code, handling) => {
    expect(describeError(code).handling).toBe(handling);
  });

  it('suppresses only marketing opt-outs, and says they are marketing-only', () => {
    const suppressed = [...CATALOGUE.values()].filter((e) => e.suppress).map((e) => e.code);
    expect(suppressed).toEqual([131050]);
    expect(describeError(131050).marketingOnly).toBe(true);
    // A business-side block can be lifted at Meta without telling us: not copied into our list.
    expect(describeError(130403).suppress).toBeUndefined();
  });

  it('keeps the per-user marketing cap for 24 hours and marks it marketing-only', () => {
    const entry = describeError(131049);
    expect(entry.retryAfterHours).toBe(24);
    expect(entry.marketingOnly).toBe(true);
    expect(entry.action).toMatch(/24 hours/);
    expect(entry.action).toMatch(/US/);
  });

  it('asks the loop to slow down for throughput errors only', () => {
    expect(describeError(130429).slowDown).toBe(true);
    expect(describeError(2).slowDown).toBeUndefined();
    expect(describeError(131056).slowDown).toBeUndefined();
  });

  it('matches the 200–299 permission range with the actual code', () => {
    const entry = describeError(250);
    expect(entry.handling).toBe('pause_campaign');
    expect(entry.code).toBe(250);
    expect(isKnownCode(299)).toBe(true);
    expect(isKnownCode(300)).toBe(false);
    expect(lookupCode(200)?.title).toBe('No valid access key');
  });

  it("describes unknown codes generically, with a limited retry and Meta's own words", () => {
    const entry = describeError(987654, '(#987654) Something new happened');
    expect(entry.code).toBe(987654);
    expect(entry.handling).toBe('retry_later');
    expect(entry.retryLimit).toBeGreaterThan(0);
    expect(entry.explanation).toContain('Something new happened');
    expect(entry.explanation).not.toContain('(#987654)');
    expect(isKnownCode(987654)).toBe(false);
  });

  it('describes a failure without a code', () => {
    const entry = describeError(undefined);
    expect(entry.code).toBeNull();
    expect(entry.action).not.toBe('');
  });

  it("uses its own text, not Meta's, for known codes", () => {
    expect(describeError(131026, 'Message undeliverable').explanation).toBe(
      "This number is not on WhatsApp, or the person's WhatsApp is too old to receive this message.",
    );
  });

  it('truncates a very long Meta message', () => {
    const entry = describeError(555555, 'x'.repeat(5000));
    expect(entry.explanation.length).toBeLessThan(400);
  });
});
