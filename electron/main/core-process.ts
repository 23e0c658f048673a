import type { HostOptions } from '../../shared/core-host/protocol';
import { connectCore, type CoreClient } from '../core/host/client';

/** The part of Electron's UtilityProcess the glue uses (tests pass a fake). */
export interface UtilityChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export type Fork = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio: 'inherit' },
) => UtilityChild;

/**
 * Starts the core in a utilityProcess (`fork` is Electron's utilityProcess.fork) and connects to it
 * with the same protocol the headless shell uses over a worker thread: the main process only routes
 * messages; the core's long work (exclusion at start, filter counts, timeline) blocks nobody.
 */
export function startCoreProcess(options: HostOptions, entry: string, fork: Fork): CoreClient {
  const child = fork(entry, ['--core-host', JSON.stringify(options)], {
    serviceName: 'Campaign Desk core',
    stdio: 'inherit',
  });
  return connectCore({
    post: (m) => child.postMessage(m),
    onMessage: (l) => void child.on('message', l),
    onExit: (l) => void child.on('exit', l),
  });
}
