import { afterEach, describe, expect, it } from 'vitest';
import { readSettings, writeSetting } from '../../../electron/core/campaigns/settings';
import { createCore, type Core } from '../../../electron/core/service';
import { fakeClock, tempDir } from '../../helpers/tmp';

describe('campaign settings store (settings_json)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  function setup(): Core {
    const dir = tempDir();
    const core = createCore({ dataDir: dir.path, shell: 'headless', clock: fakeClock() });
    cleanups.push(() => void core.close(), dir.cleanup);
    return core;
  }

  it('sets and removes one key without touching the others', async () => {
    const core = setup();
    const { id } = await core.handlers['campaigns.create']({ name: 'Settings' });
    expect(readSettings(core.store, id)).toEqual({});
    writeSetting(core.store, id, 'a', { x: 1 }, 1);
    writeSetting(core.store, id, 'b', [1, 2], 2);
    expect(readSettings(core.store, id)).toEqual({ a: { x: 1 }, b: [1, 2] });
    writeSetting(core.store, id, 'a', undefined, 3);
    expect(readSettings(core.store, id)).toEqual({ b: [1, 2] });
  });

  it('reads damaged JSON as no settings, and refuses changes outside the allowed states', async () => {
    const core = setup();
    const { id } = await core.handlers['campaigns.create']({ name: 'Damaged' });
    core.store.sqlite.prepare("UPDATE campaigns SET settings_json = '[1,' WHERE id = ?").run(id);
    expect(readSettings(core.store, id)).toEqual({});
    core.store.sqlite.prepare("UPDATE campaigns SET state = 'sending' WHERE id = ?").run(id);
    expect(() => writeSetting(core.store, id, 'a', 1, 1)).toThrow(/sending/);
    expect(writeSetting(core.store, id, 'a', 1, 1, { allowedStates: ['sending'] })).toEqual({
      a: 1,
    });
    expect(() => readSettings(core.store, 999)).toThrow(/999/);
  });
});
