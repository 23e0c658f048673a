import { describe, expect, it } from 'vitest';
import { stopAfterText } from '../../../renderer/src/features/send/delivery/stop-after-text';
import { createFormat } from '../../../shared/format';

const en = createFormat({ locale: 'en-GB', timeZone: 'UTC' });
const ENDS = Date.UTC(2026, 11, 24, 17, 0);
const base = { campaignId: 1, deferDays: 3, stopAfter: null, stopAt: null, offerEndsAt: null };

describe("the settings panel's stop-after sentence", () => {
  it("names the offer's end when the campaign has no stop-after of its own", () => {
    const text = stopAfterText({ ...base, stopAt: ENDS, offerEndsAt: ENDS }, en);
    expect(text).toMatch(/^Stops sending when the offer ends, /);
    expect(text).toContain(en.date(ENDS, 'dateTime'));
  });

  it('a stop-after of its own wins over the offer; no offer and none set: no end', () => {
    const at = ENDS - 3_600_000;
    const own = stopAfterText({ ...base, stopAfter: { at }, stopAt: at, offerEndsAt: ENDS }, en);
    expect(own).toBe(
      `Stops sending ${en.date(at, 'dateTime')}: nothing is sent or retried after that.`,
    );
    expect(stopAfterText(base, en)).toBe('No end: it sends until everyone is handled.');
  });
});
