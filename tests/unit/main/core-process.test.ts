import { describe, expect, it } from 'vitest';
import { serveCore } from '../../../electron/core/host/serve';
import { startCoreProcess, type UtilityChild } from '../../../electron/main/core-process';
import { hostOptions } from '../../../shared/core-host/protocol';
import { tempDir } from '../../helpers/tmp';

/**
 * A fake of Electron's utilityProcess.fork: the "child" runs the real host in this process, with
 * messages passed through structuredClone as the IPC would, so only the Electron binary is faked.
 */
function fakeFork() {
  const forks: { path: string; args: string[] }[] = [];
  const fork = (path: string, args: string[]): UtilityChild => {
    forks.push({ path, args });
    const toShell = new Set<(m: unknown) => void>();
    const exits = new Set<(code: number) => void>();
    let toHost: (m: unknown) => void = () => undefined;
    const at = args.indexOf('--core-host');
    const options: unknown = JSON.parse(args[at + 1] ?? 'null');
    queueMicrotask(() =>
      serveCore(options, {
        post: (m) => toShell.forEach((l) => l(structuredClone(m))),
        onMessage: (l) => (toHost = l),
        exit: () => exits.forEach((l) => l(0)),
      }),
    );
    return {
      postMessage: (m) => toHost(structuredClone(m)),
      on: (event: 'message' | 'exit', l: (x: never) => void) =>
        event === 'message'
          ? toShell.add(l as (m: unknown) => void)
          : exits.add(l as (code: number) => void),
    };
  };
  return { fork, forks };
}

describe('the desktop core in a utilityProcess (faked)', () => {
  it('forks the host entry with its options, answers calls, and ends when closed', async () => {
    const dir = tempDir('cd-utility-');
    try {
      const { fork, forks } = fakeFork();
      const options = { dataDir: dir.path, shell: 'electron' as const, externalChangePollMs: 0 };
      const client = startCoreProcess(options, '/app/out/main/core-utility.js', fork);
      await client.ready;
      expect(forks).toHaveLength(1);
      expect(forks[0]!.path).toBe('/app/out/main/core-utility.js');
      expect(hostOptions.parse(JSON.parse(forks[0]!.args[1]!))).toEqual(options);
      expect(await client.call('campaigns.create', { name: 'Desktop' })).toMatchObject({
        ok: true,
        value: { name: 'Desktop' },
      });
      await client.close();
      expect(await client.call('campaigns.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
    } finally {
      dir.cleanup();
    }
  });
});
