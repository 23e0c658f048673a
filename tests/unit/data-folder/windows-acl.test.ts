import { describe, expect, it } from 'vitest';
import { secureDataDir } from '../../../electron/core/data-folder/permissions';
import {
  restrictToCurrentUser,
  windowsAccount,
  type CommandRunner,
} from '../../../electron/core/data-folder/windows-acl';
import { tempDir } from '../../helpers/tmp';

/** A fake icacls: records every call and answers as told. */
function fakeRunner(answer: ReturnType<CommandRunner> | Error) {
  const calls: { file: string; args: string[] }[] = [];
  const run: CommandRunner = (file, args) => {
    calls.push({ file, args });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, run };
}

const env = { USERNAME: 'ann', USERDOMAIN: 'SHOP-PC' };
const dir = 'C:\\Users\\ann\\AppData\\Roaming\\Campaign Desk';

describe('the data folder on Windows: restricted to the current user with icacls', () => {
  it('runs icacls once with the folder as one argument, inheritance removed and full control for DOMAIN\\user', () => {
    const fake = fakeRunner({ status: 0, output: '' });
    expect(restrictToCurrentUser(dir, fake.run, env)).toEqual({ warning: null });
    expect(fake.calls).toEqual([
      {
        file: 'icacls',
        args: [dir, '/inheritance:r', '/grant:r', 'SHOP-PC\\ann:(OI)(CI)F', '/q'],
      },
    ]);
  });

  it('names the bare user when Windows gives no domain', () => {
    expect(windowsAccount({ USERNAME: 'ann' })).toBe('ann');
    expect(windowsAccount(env)).toBe('SHOP-PC\\ann');
  });

  it('a failing icacls is a warning in words that names the folder and what to do, never a throw', () => {
    const denied = fakeRunner({ status: 5, output: 'Access is denied.' });
    const { warning } = restrictToCurrentUser(dir, denied.run, env);
    expect(warning).toContain(
      'Could not restrict the data folder to SHOP-PC\\ann (Access is denied.)',
    );
    expect(warning).toContain(dir);
    expect(warning).toContain('Properties › Security');

    const missing = fakeRunner({
      status: null,
      output: '',
      error: new Error('spawn icacls ENOENT'),
    });
    expect(restrictToCurrentUser(dir, missing.run, env).warning).toContain('spawn icacls ENOENT');

    const throws = fakeRunner(new Error('runner blew up'));
    expect(restrictToCurrentUser(dir, throws.run, env).warning).toContain('runner blew up');
  });

  it('secureDataDir takes the Windows path on win32 (no chmod) and passes the warning on', () => {
    const tmp = tempDir('cd-acl-');
    try {
      const ok = fakeRunner({ status: 0, output: '' });
      expect(secureDataDir(tmp.path, { platform: 'win32', run: ok.run, env })).toEqual({
        repaired: [],
      });
      expect(ok.calls.map((c) => c.args[0])).toEqual([tmp.path]);

      const failed = fakeRunner({
        status: 1,
        output: 'No mapping between account names and security IDs was done.',
      });
      const r = secureDataDir(tmp.path, { platform: 'win32', run: failed.run, env });
      expect(r.repaired).toEqual([]);
      expect(r.warning).toMatch(/No mapping between account names/);

      // Elsewhere icacls is never run.
      const never = fakeRunner({ status: 0, output: '' });
      secureDataDir(tmp.path, { platform: 'linux', run: never.run, env });
      expect(never.calls).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });
});
