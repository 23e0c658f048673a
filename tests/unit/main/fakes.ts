import { serveCore } from '../../../electron/core/host/serve';
import type { UtilityChild } from '../../../electron/main/core-process';
import type { registerIpc } from '../../../electron/main/ipc';
import type { SafeStorageLike } from '../../../electron/main/keychain';

/**
 * A fake of Electron's utilityProcess.fork: the "child" runs the real host in this process, with
 * messages passed through structuredClone as the IPC would, so only the Electron binary is faked.
 */
export function fakeFork() {
  const forks: { path: string; args: string[] }[] = [];
  /** Ends the "child" as a crash would: its exit listeners hear code 1, nothing is closed. */
  const crashes: (() => void)[] = [];
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
    crashes.push(() => exits.forEach((l) => l(1)));
    return {
      postMessage: (m) => toHost(structuredClone(m)),
      on: (event: 'message' | 'exit', l: (x: never) => void) =>
        event === 'message'
          ? toShell.add(l as (m: unknown) => void)
          : exits.add(l as (code: number) => void),
    };
  };
  return { fork, forks, crash: () => crashes.forEach((c) => c()) };
}

/** A fake ipcMain: the handlers registered, called as the renderer's invoke would. */
export function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, raw: unknown) => Promise<unknown>>();
  const trusted = { senderFrame: { url: 'app://campaign-desk/index.html' }, sender: {} };
  return {
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, raw: unknown) => Promise<unknown>) =>
        void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as unknown as Parameters<typeof registerIpc>[0],
    invoke: (channel: string, raw: unknown) => {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`no handler for ${channel}`);
      return fn(trusted, raw);
    },
  };
}

/**
 * Stands in for Electron's safeStorage: a reversible transform that is visibly not the input, and
 * switches to say the keychain is missing or the Linux backend is the hard-coded password.
 */
export function fakeSafeStorage(
  opts: {
    available?: boolean;
    backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>;
  } = {},
) {
  const state = {
    available: opts.available ?? true,
    backend: opts.backend ?? 'gnome_libsecret',
    key: 7,
    encryptCalls: 0,
    decryptCalls: 0,
  };
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ state.key));
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (plain) => {
      state.encryptCalls++;
      return Buffer.concat([Buffer.from('v10'), xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString: (buf) => {
      state.decryptCalls++;
      if (buf.subarray(0, 3).toString() !== 'v10' || state.key !== 7)
        throw new Error(`bad ciphertext ${buf.toString('hex')}`);
      return xor(buf.subarray(3)).toString('utf8');
    },
  };
  return { storage, state };
}
