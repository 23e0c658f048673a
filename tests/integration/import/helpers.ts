import { join } from 'node:path';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/service';
import type { ImportResult, Result } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'contacts');
export const fixture = (name: string) => join(FIXTURES, name);

export interface Harness {
  core: Core;
  dir: string;
  campaignId: number;
  importFile: (path: string, options?: Record<string, unknown>) => Promise<Result<ImportResult>>;
  previewFile: (path: string, options?: Record<string, unknown>) => Promise<Result<unknown>>;
  recipients: () => {
    phone: string;
    state: string;
    skip_reason: string | null;
    row_number: number;
    fields_json: string;
  }[];
  close: () => Promise<void>;
}

export async function harness(extra: Partial<CoreOptions> = {}): Promise<Harness> {
  const dir = tempDir('cd-import-');
  const core = createCore({
    dataDir: dir.path,
    shell: 'headless',
    externalChangePollMs: 0,
    ...extra,
  });
  const created = await core.handlers['campaigns.create']({ name: 'Import test' });
  const call = (method: string, input: unknown) =>
    dispatch(core.handlers, method, input, { error: () => undefined });
  return {
    core,
    dir: dir.path,
    campaignId: created.id,
    importFile: (path, options = {}) =>
      call('audience.import', {
        campaignId: created.id,
        file: { kind: 'path', path },
        options,
      }) as Promise<Result<ImportResult>>,
    previewFile: (path, options = {}) =>
      call('audience.preview', { campaignId: created.id, file: { kind: 'path', path }, options }),
    recipients: () =>
      core.store.sqlite
        .prepare(
          'SELECT phone, state, skip_reason, row_number, fields_json FROM recipients WHERE campaign_id = ? ORDER BY id',
        )
        .all(created.id) as never,
    close: async () => {
      await core.close();
      dir.cleanup();
    },
  };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
