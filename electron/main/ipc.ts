import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type Result } from '../../shared/api';
import { dispatch, type Logger } from '../core/api/dispatch';
import type { Handlers } from '../core/service';

/** Only our own renderer (loaded from app://) may call the core. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('app://campaign-desk/');
}

/**
 * Registers every contract method as an ipcMain.handle. The input arrives as `unknown` and is
 * parsed by the method's schema inside dispatch(); the reply is always a Result.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  options: { logger?: Logger; trust?: (event: IpcMainInvokeEvent) => boolean } = {},
): () => void {
  const trust = options.trust ?? isTrustedSender;
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, raw: unknown): Promise<Result<unknown>> => {
      if (!trust(event)) {
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'Calls are only accepted from the app window.' },
        };
      }
      return dispatch(handlers, method, raw, options.logger);
    });
  }
  return () => METHOD_NAMES.forEach((m) => ipcMain.removeHandler(m));
}
