import { join } from 'node:path';
import { createFileVault, TOKEN_FILE } from '../accounts/file-vault';
import { createRelayedVault, type RelayedVault } from '../accounts/relayed-vault';
import { createCore, type Core, type CoreOptions } from '../service';
import type { HostOptions } from '../../../shared/core-host/protocol';
import { createTestClock, type TestClock } from './test-clock';

/** The core a host opened, with the test clock when the shell asked for one. */
export interface HostedCore {
  core: Core;
  testClock?: TestClock;
  /** The vault main's `tokens.set` fills, when the shell asked for the keychain relay. */
  relayedVault?: RelayedVault;
}

/**
 * What `HostOptions` (plain data, the only thing that crosses to a thread or process) means as
 * the core's options: the same core `serve` and the CLI built in-process before issue 14.
 */
export function hostedCoreOptions(options: HostOptions): {
  core: CoreOptions;
  testClock?: TestClock;
  relayedVault?: RelayedVault;
} {
  const {
    fileVault,
    keychainRelay,
    testClock: wantsClock,
    sandboxReplyScale,
    sandboxPerUserLimit,
    logEcho,
    ...plain
  } = options;
  const testClock = wantsClock ? createTestClock() : undefined;
  const relayedVault = keychainRelay && !fileVault ? createRelayedVault() : undefined;
  const core: CoreOptions = {
    ...plain,
    ...(logEcho
      ? {
          // Problems reach the person at the terminal too, not only the file.
          logEcho: (line: string) => {
            if (/^\S+ (ERROR|WARN) /.test(line)) process.stderr.write(`${line}\n`);
          },
        }
      : {}),
    ...(fileVault
      ? {
          tokenVault: createFileVault({
            file: join(options.dataDir, TOKEN_FILE),
            platform: process.platform,
            key: fileVault.key,
          }),
        }
      : {}),
    ...(relayedVault ? { tokenVault: relayedVault } : {}),
    ...(testClock ? { clock: testClock, monotonic: () => testClock.monotonic() } : {}),
    ...(testClock || sandboxReplyScale || sandboxPerUserLimit
      ? {
          sandboxOptions: {
            ...(sandboxReplyScale ? { delivery: { replyDelayScale: sandboxReplyScale } } : {}),
            ...(sandboxPerUserLimit
              ? { marketing: { perUserLimitShare: sandboxPerUserLimit } }
              : {}),
            // The Sandbox (our Meta) stamps its reports on the same time as the app.
            ...(testClock ? { now: () => testClock.now() } : {}),
          },
        }
      : {}),
  };
  return { core, ...(testClock ? { testClock } : {}), ...(relayedVault ? { relayedVault } : {}) };
}

export function openHostedCore(options: HostOptions): HostedCore {
  const { core, ...rest } = hostedCoreOptions(options);
  return { core: createCore(core), ...rest };
}
