import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type Result } from '../../shared/api';
import { dispatch, type Logger } from '../core/api/dispatch';
import type { Handlers } from '../core/service';

/** Only our own renderer (loaded from app://) may call the core. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('app://campaign-desk/');
}

/** Where a contract call goes: the core's handlers in-process, or a CoreClient's `call` (utilityProcess). */
export type CallCore = (method: string, raw: unknown) => Promise<Result<unknown>>;

/**
 * Registers every contract method as an ipcMain.handle. The input arrives as `unknown` and is
 * parsed by the method's schema inside dispatch() (in this process, or in the core's process when
 * `core` is a CoreClient's call: the main process then only routes); the reply is always a Result.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Handlers | CallCore,
  options: { logger?: Logger; trust?: (event: IpcMainInvokeEvent) => boolean } = {},
): () => void {
  const trust = options.trust ?? isTrustedSender;
  const call: CallCore =
    typeof core === 'function'
      ? core
      : (method, raw) => dispatch(core, method, raw, options.logger);
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, raw: unknown): Promise<Result<unknown>> => {
      if (!trust(event)) {
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'Calls are only accepted from the app window.' },
        };
      }
      return call(method, raw);
    });
  }
  return () => METHOD_NAMES.forEach((m) => ipcMain.removeHandler(m));
}
