import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/service';
import type { MethodName, MethodOutput, Result } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';

export interface TemplateHarness {
  /** Replaced by reopen(). */
  core: Core;
  dir: string;
  campaignId: number;
  /** Calls a method through the dispatcher (schema parsing included), returning the Result. */
  call<K extends MethodName>(method: K, input: unknown): Promise<Result<MethodOutput<K>>>;
  /** Like call, but returns the value or throws with the error's code and message. */
  ok<K extends MethodName>(method: K, input: unknown): Promise<MethodOutput<K>>;
  /** Writes a CSV into the temp folder and imports it into the campaign. */
  importCsv(
    csv: string,
    options?: Record<string, unknown>,
  ): Promise<MethodOutput<'audience.import'>>;
  /** Syncs the Sandbox account's templates and returns the id of name/language. */
  templateId(name: string, language?: string): Promise<number>;
  /** Closes the core and opens a new one on the same data folder (e.g. with other sandbox templates). */
  reopen(extra: Partial<CoreOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function templateHarness(extra: Partial<CoreOptions> = {}): Promise<TemplateHarness> {
  const dir = tempDir('cd-templates-');
  const open = (options: Partial<CoreOptions>) =>
    createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0, ...options });
  let core = open(extra);
  const call = <K extends MethodName>(method: K, input: unknown) =>
    dispatch<K>(core.handlers, method, input, { error: (m, d) => console.error(m, d) });
  const ok = async <K extends MethodName>(method: K, input: unknown) => {
    const r = await call<K>(method, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const campaign = await ok('campaigns.create', { name: 'Templates test' });
  let files = 0;
  let synced = false;
  const h: TemplateHarness = {
    core,
    dir: dir.path,
    campaignId: campaign.id,
    call,
    ok,
    async importCsv(csv, options = {}) {
      const path = join(dir.path, `audience-${++files}.csv`);
      writeFileSync(path, csv);
      return ok('audience.import', {
        campaignId: campaign.id,
        file: { kind: 'path', path },
        fileName: '',
        options,
      });
    },
    async templateId(name, language = 'en_US') {
      if (!synced) {
        await ok('templates.sync', {});
        synced = true;
      }
      const list = await ok('templates.list', {});
      const t = list.templates.find((x) => x.name === name && x.language === language);
      if (!t) throw new Error(`no template ${name} (${language})`);
      return t.id;
    },
    async reopen(options) {
      await core.close();
      core = open(options);
      h.core = core;
    },
    async close() {
      await core.close();
      dir.cleanup();
    },
  };
  return h;
}

/** A small audience: UK and US numbers, one empty first name, one tab in a code. */
export const AUDIENCE_CSV = [
  'First name,Phone,Deal code,City',
  'Maria,+447400123456,spring24,Leeds',
  ',+447400123457,spring24,York',
  'José,+14155550101,summer sale,Austin',
  'Ahmed,+14155550102,spring24,Boston',
].join('\n');
