import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  CoreError,
  DOWNLOAD_CHANNEL,
  DOWNLOAD_KINDS,
  type DownloadKind,
  type Result,
} from '../../shared/api';
import type { HostOp } from '../../shared/core-host/protocol';
import { openDownload, saveDownload } from '../core/downloads';
import type { Core } from '../core/service';
import { isTrustedSender } from './ipc';

const input = z.object({ kind: z.enum(DOWNLOAD_KINDS), id: z.number().int().positive() }).strict();

/** Asks where to save; resolves undefined when the user cancels. Injected for tests. */
export type AskSavePath = (
  event: IpcMainInvokeEvent,
  suggestedName: string,
) => Promise<string | undefined>;

/** The core's host ops (host/ops.ts): a CoreClient's `op` when the core is in a utilityProcess. */
export type HostOpCall = (op: HostOp, input: unknown) => Promise<Result<unknown>>;

type DownloadSource = Pick<Core, 'audience' | 'reports' | 'suppression' | 'replies'> | HostOpCall;

/** Asks the core for the file's name, then has it write the file where the user chose. */
async function saveThrough(
  op: HostOpCall,
  event: IpcMainInvokeEvent,
  kind: DownloadKind,
  id: number,
  askSavePath: AskSavePath,
): Promise<Result<{ saved: boolean }>> {
  const named = await op('download.name', { kind, id });
  if (!named.ok) return named;
  const path = await askSavePath(event, (named.value as { fileName: string }).fileName);
  if (!path) return { ok: true, value: { saved: false } };
  const saved = await op('download.save', { kind, id, path });
  return saved.ok ? { ok: true, value: { saved: true } } : saved;
}

export function registerDownloads(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: DownloadSource,
  askSavePath: AskSavePath,
): void {
  ipcMain.handle(
    DOWNLOAD_CHANNEL,
    async (event, raw: unknown): Promise<Result<{ saved: boolean }>> => {
      if (!isTrustedSender(event))
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'Calls are only accepted from the app window.' },
        };
      const parsed = input.safeParse(raw);
      if (!parsed.success)
        return { ok: false, error: { code: 'VALIDATION', message: 'Unknown download.' } };
      if (typeof core === 'function')
        return saveThrough(core, event, parsed.data.kind, parsed.data.id, askSavePath);
      try {
        const download = openDownload(core, parsed.data.kind, parsed.data.id);
        const path = await askSavePath(event, download.fileName);
        if (!path) return { ok: true, value: { saved: false } };
        await saveDownload(download, path);
        return { ok: true, value: { saved: true } };
      } catch (e) {
        if (e instanceof CoreError)
          return { ok: false, error: { code: e.code, message: e.message } };
        return {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message: `The file could not be saved: ${e instanceof Error ? e.message : String(e)}`,
          },
        };
      }
    },
  );
}
