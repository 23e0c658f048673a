import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../shared/api';
import { parseStopAfter } from '../../../shared/domain/delivery';
import { createCore, type Core } from '../../../electron/core/service';
import { tempDir } from '../../helpers/tmp';

// Issue 17: an ISO --stop-after is "in the future" by the core's clock, not by the process's
// Date.now (the CLI may talk to a `serve` host whose test clock is days ahead or behind).
describe('stop-after in the future, by the core clock', () => {
  let core: Core | undefined;
  const dir = tempDir('cd-stop-clock-');
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.cleanup();
  });

  const coreAt = (t: number) => {
    core = createCore({
      dataDir: dir.path,
      shell: 'headless',
      externalChangePollMs: 0,
      clock: { now: () => t },
    });
    return core;
  };

  it('the words are read without judging the time when no clock is given', () => {
    expect(parseStopAfter('2001-01-01T00:00Z', null)).toEqual({
      ok: true,
      value: { at: Date.UTC(2001, 0, 1) },
    });
    expect(parseStopAfter('2001-01-01T00:00Z', Date.UTC(2002, 0, 1)).ok).toBe(false);
  });

  it('refuses a time that has passed on the core clock, though it is ahead of Date.now', async () => {
    const now = Date.now() + 400 * 86_400_000;
    const c = coreAt(now);
    const { id } = await c.handlers['campaigns.create']({ name: 'Flash' });
    const ahead = now - 86_400_000; // tomorrow for this process, yesterday for the core
    expect(ahead).toBeGreaterThan(Date.now());
    const refused = await Promise.resolve()
      .then(() => c.handlers['campaigns.setDelivery']({ campaignId: id, stopAfter: { at: ahead } }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CoreError);
    expect((refused as CoreError).code).toBe('VALIDATION');
    expect((refused as CoreError).message).toBe('Stop after must be in the future.');
    expect((await c.handlers['campaigns.delivery']({ campaignId: id })).stopAfter).toBeNull();
  });

  it('accepts a time still ahead on the core clock, though it has passed for Date.now', async () => {
    const now = Date.UTC(2020, 5, 1);
    const c = coreAt(now);
    const { id } = await c.handlers['campaigns.create']({ name: 'Flash' });
    const at = Date.UTC(2020, 5, 3, 18);
    const v = await c.handlers['campaigns.setDelivery']({ campaignId: id, stopAfter: { at } });
    expect(v.stopAfter).toEqual({ at });
    expect(v.stopAt).toBe(at);
  });
});
