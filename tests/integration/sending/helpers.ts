import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/service';
import { SANDBOX_TEMPLATES } from '../../../electron/sandbox';
import type { Mapping } from '../../../shared/domain/templates';
import { tempDir } from '../../helpers/tmp';

export interface SendHarness {
  core: Core;
  dir: string;
  /** A draft with `phones` imported and the named template mapped (first_name, order_number). */
  campaign: (
    name: string,
    phones: string[],
    template?: { name: string; language: string; mapping: Mapping },
  ) => Promise<number>;
  states: (campaignId: number) => Record<string, number>;
  waitFor: (campaignId: number, states: string[], timeoutMs?: number) => Promise<string>;
  close: () => Promise<void>;
}

export const ORDER_TEMPLATE = {
  name: 'order_confirmation',
  language: 'en_US',
  mapping: {
    'body.first_name': { kind: 'column', column: 'name' },
    'body.order_number': { kind: 'column', column: 'order' },
  } as Mapping,
};

/** Puts a sandbox template into the account's store, as a sync would. */
export function storeTemplate(
  core: Core,
  accountId: number,
  name: string,
  language: string,
): number {
  const t = SANDBOX_TEMPLATES.find((x) => x.name === name && x.language === language);
  if (!t) throw new Error(`no sandbox template ${name}/${language}`);
  const existing = core.store.sqlite
    .prepare('SELECT id FROM templates WHERE account_id = ? AND name = ? AND language = ?')
    .get(accountId, name, language) as { id: number } | undefined;
  if (existing) return existing.id;
  return Number(
    core.store.sqlite
      .prepare(
        `INSERT INTO templates (account_id, meta_id, name, language, status, category, parameter_format, components_json, source, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'sync', 0)`,
      )
      .run(
        accountId,
        t.id ?? null,
        t.name,
        t.language,
        t.status,
        t.category,
        t.parameter_format,
        JSON.stringify(t.components),
      ).lastInsertRowid,
  );
}

export async function sendHarness(extra: Partial<CoreOptions> = {}): Promise<SendHarness> {
  const dir = tempDir('cd-send-');
  const core = createCore({
    dataDir: dir.path,
    shell: 'headless',
    externalChangePollMs: 0,
    runSenders: true,
    // These tests look at the sender alone; tests/integration/status covers the statuses that follow.
    statusPolling: false,
    sandboxOptions: {
      delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
      ...extra.sandboxOptions,
    },
    ...extra,
  });
  const states = (campaignId: number) =>
    Object.fromEntries(
      (
        core.store.sqlite
          .prepare(
            'SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY state',
          )
          .all(campaignId) as { state: string; n: number }[]
      ).map((r) => [r.state, r.n]),
    );
  return {
    core,
    dir: dir.path,
    states,
    async campaign(name, phones, template = ORDER_TEMPLATE) {
      const c = await core.handlers['campaigns.create']({ name });
      const file = join(dir.path, `${name}.csv`);
      writeFileSync(
        file,
        ['phone,name,order', ...phones.map((p, i) => `${p},Customer ${i},A-${1000 + i}`)].join(
          '\n',
        ),
      );
      await core.handlers['audience.import']({
        campaignId: c.id,
        file: { kind: 'path', path: file },
        fileName: '',
        options: { defaultCountry: 'US' },
      });
      const templateId = storeTemplate(core, c.accountId, template.name, template.language);
      core.store.sqlite
        .prepare(
          'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
        )
        .run(templateId, template.name, template.language, JSON.stringify(template.mapping), c.id);
      return c.id;
    },
    async waitFor(campaignId, wanted, timeoutMs = 20_000) {
      const started = Date.now();
      for (;;) {
        const state = (
          core.store.sqlite.prepare('SELECT state FROM campaigns WHERE id = ?').get(campaignId) as {
            state: string;
          }
        ).state;
        if (wanted.includes(state)) return state;
        if (Date.now() - started > timeoutMs)
          throw new Error(`campaign ${campaignId} stayed ${state}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await core.close();
      dir.cleanup();
    },
  };
}

/** Valid, distinct US numbers for the sandbox (random outcomes, seeded). */
export function phones(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `+1202555${String(1000 + from + i).padStart(4, '0')}`);
}

/**
 * Valid, distinct UK mobiles: for marketing templates, which WhatsApp does not deliver to US
 * numbers (the app leaves those out before sending).
 */
export function gbPhones(n: number, from = 0): string[] {
  return Array.from(
    { length: n },
    (_, i) => `+44740012${String(1000 + from + i).padStart(4, '0')}`,
  );
}
