import { describe, expect, it } from 'vitest';
import {
  FAILURE_RATE_DEFAULTS,
  createFailureRateDetector,
} from '../../../electron/core/sender/failure-rate';

const recordAll = (
  detector: ReturnType<typeof createFailureRateDetector>,
  pattern: string,
  times = 1,
): void => {
  for (let n = 0; n < times; n++) for (const c of pattern) detector.record(c === 'o');
};

describe('failure-rate detector', () => {
  it('uses the documented defaults', () => {
    expect(FAILURE_RATE_DEFAULTS).toEqual({
      windowSize: 200,
      minSamples: 50,
      maxFailureRatio: 0.5,
      maxConsecutiveFailures: 25,
    });
  });

  it('stays quiet for a healthy campaign with normal failures', () => {
    const detector = createFailureRateDetector();
    recordAll(detector, 'ooox', 500); // 25% failed
    expect(detector.tripped()).toBeNull();
  });

  it('trips on 25 failures in a row, not 24, even before the minimum sample', () => {
    const detector = createFailureRateDetector();
    recordAll(detector, 'x', 24);
    expect(detector.tripped()).toBeNull();
    detector.record(false);
    expect(detector.tripped()?.reason).toBe('25 sends in a row failed.');
  });

  it('trips when the failure ratio goes above the threshold, once enough samples exist', () => {
    const detector = createFailureRateDetector();
    let recorded = 0;
    while (!detector.tripped() && recorded < 1000) {
      detector.record(recorded % 3 === 2); // 2 of 3 fail, never 25 in a row
      recorded++;
    }
    expect(recorded).toBe(50);
    expect(detector.tripped()?.reason).toMatch(
      /34 of the last 50 sends failed \(68%; the limit is 50%\)/,
    );
  });

  it('does not trip at exactly the threshold', () => {
    const detector = createFailureRateDetector();
    recordAll(detector, 'ox', 300); // never more than half at any point
    expect(detector.tripped()).toBeNull();
    expect(detector.stats()).toEqual({ samples: 200, failures: 100, consecutiveFailures: 1 });
  });

  it('forgets outcomes that slid out of the window', () => {
    const detector = createFailureRateDetector({
      windowSize: 10,
      minSamples: 10,
      maxConsecutiveFailures: 100,
    });
    recordAll(detector, 'xxxxx'); // too few samples to judge
    recordAll(detector, 'oooooooooo');
    expect(detector.stats().failures).toBe(0);
    recordAll(detector, 'xxxxx');
    expect(detector.tripped()).toBeNull(); // 5 of 10
    detector.record(false);
    expect(detector.tripped()?.reason).toMatch(/^6 of the last 10/);
  });

  it('stays tripped with the first reason until reset', () => {
    const detector = createFailureRateDetector({ maxConsecutiveFailures: 3 });
    recordAll(detector, 'xxx');
    recordAll(detector, 'o', 100);
    expect(detector.tripped()?.reason).toBe('3 sends in a row failed.');
    detector.reset();
    expect(detector.tripped()).toBeNull();
    expect(detector.stats()).toEqual({ samples: 0, failures: 0, consecutiveFailures: 0 });
    recordAll(detector, 'xx');
    expect(detector.tripped()).toBeNull();
  });

  it('rejects impossible settings', () => {
    expect(() => createFailureRateDetector({ windowSize: 0 })).toThrow(RangeError);
    expect(() => createFailureRateDetector({ maxFailureRatio: 1 })).toThrow(RangeError);
    expect(() => createFailureRateDetector({ maxConsecutiveFailures: 2.5 })).toThrow(RangeError);
  });
});
