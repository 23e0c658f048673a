import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open';
import { createCore } from '../../../electron/core/service';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '../../../electron/sandbox';
import { tempDir } from '../../helpers/tmp';
import { ORDER_TEMPLATE, phones, storeTemplate } from '../sending/helpers';

const CLI = join(import.meta.dirname, '..', '..', '..', 'electron', 'headless', 'cli.ts');

interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One CLI process on the data folder, as a user's second terminal (or the app beside it) is. */
function cli(dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // tsx's loader in this process (its own CLI would run the command in a grandchild).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, ...args, '--data-dir', dataDir],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ args, code, stdout, stderr }));
  });
}

describe('several processes on one data folder', () => {
  let sandbox: Sandbox | undefined;
  const dirs: { cleanup(): void }[] = [];
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    dirs.splice(0).forEach((d) => d.cleanup());
  });

  it('a send, an import, exports and status sweeps in separate processes: nothing lost, nothing twice, no lock errors', async () => {
    const d = tempDir('cd-processes-');
    dirs.push(d);
    // One Meta for every process: an external sandbox, as the real API is.
    const sb = (sandbox = await startSandbox({
      ratePerSecond: 200,
      delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 3 },
    }));
    const recipients = 400;
    const setup = createCore({ dataDir: d.path, shell: 'headless', externalChangePollMs: 0 });
    let sending: number;
    let importing: number;
    try {
      const account = await setup.handlers['accounts.add']({
        name: 'Shop number',
        phoneNumberId: sb.phoneNumberId,
        wabaId: sb.wabaId,
        tokenEnv: 'SHOP_TOKEN',
        baseUrl: sb.url,
        ratePerSecond: 80,
      });
      const make = async (name: string, rows: string[]) => {
        const c = await setup.handlers['campaigns.create']({ name, accountId: account.id });
        const file = join(d.path, `${name}.csv`);
        writeFileSync(file, ['phone,name,order', ...rows].join('\n'));
        await setup.handlers['audience.import']({
          campaignId: c.id,
          file: { kind: 'path', path: file },
          fileName: '',
          options: { defaultCountry: 'US' },
        });
        const templateId = storeTemplate(
          setup,
          account.id,
          ORDER_TEMPLATE.name,
          ORDER_TEMPLATE.language,
        );
        setup.store.sqlite
          .prepare(
            'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
          )
          .run(
            templateId,
            ORDER_TEMPLATE.name,
            ORDER_TEMPLATE.language,
            JSON.stringify(ORDER_TEMPLATE.mapping),
            c.id,
          );
        return c.id;
      };
      sending = await make(
        'Sending',
        phones(recipients).map((p, i) => `${p},Customer ${i},A-${i}`),
      );
      importing = (
        await setup.handlers['campaigns.create']({ name: 'Importing', accountId: account.id })
      ).id;
    } finally {
      await setup.close();
    }
    const big = join(d.path, 'big.csv');
    writeFileSync(
      big,
      [
        'phone,name,city',
        ...Array.from(
          { length: 40_000 },
          (_, i) => `+4479${String(20000000 + i)},Customer ${i},Leeds`,
        ),
      ].join('\n'),
    );

    const env = { SHOP_TOKEN: SANDBOX_DEFAULTS.token };
    const run = (...args: string[]) => cli(d.path, env, ...args);
    const send = run('campaigns', 'send', String(sending), '--wait');
    const imported = run('campaigns', 'import', String(importing), big);
    // Exports and status sweeps of the sending campaign, one after another, while it sends.
    const sideRuns: Run[] = [];
    const side = (async () => {
      // A draft has no report: the exports start once the sending process has started it.
      const db = new Database(join(d.path, DATABASE_FILE), { readonly: true });
      try {
        const state = db.prepare('SELECT state FROM campaigns WHERE id = ?').pluck();
        for (let i = 0; i < 2400 && state.get(sending) === 'draft'; i++)
          await new Promise((r) => setTimeout(r, 25));
      } finally {
        db.close();
      }
      for (let i = 0; i < 2; i++) {
        sideRuns.push(
          await run(
            'campaigns',
            'export',
            String(sending),
            '--out',
            join(d.path, `report-${i}.csv`),
          ),
        );
        sideRuns.push(await run('campaigns', 'sync-status', String(sending), '--once'));
      }
    })();
    const [sent, imp] = await Promise.all([send, imported, side]);
    const all = [sent, imp, ...sideRuns];
    for (const r of all) {
      expect(r.code, `${r.args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
      // The sender meets the lock on purpose (it writes briefly, holds its results and tries again)
      // and says so only when it lasts 2 s: an import's chunks must never hold it that long.
      expect(r.stderr, r.args.join(' ')).not.toMatch(/SQLITE_BUSY|database is locked|SqliteError/);
      expect(r.stderr, r.args.join(' ')).not.toMatch(/\bERROR\b/);
    }

    // Every recipient was sent once, and only once; the import arrived whole; the reports are whole.
    expect(sb.stats().accepted).toBe(recipients);
    expect(Object.values(sb.stats().acceptedByRecipient).every((n) => n === 1)).toBe(true);
    const check = createCore({ dataDir: d.path, shell: 'headless', externalChangePollMs: 0 });
    try {
      const db = check.store.sqlite;
      const states = db
        .prepare(
          'SELECT state, count(*) AS n, count(DISTINCT wamid) AS wamids FROM recipients WHERE campaign_id = ? GROUP BY state',
        )
        .all(sending) as { state: string; n: number; wamids: number }[];
      expect(states.filter((s) => ['pending', 'sending', 'unknown'].includes(s.state))).toEqual([]);
      expect(states.reduce((a, s) => a + s.n, 0)).toBe(recipients);
      expect(states.reduce((a, s) => a + s.wamids, 0)).toBe(recipients);
      expect(
        db.prepare('SELECT count(*) FROM recipients WHERE campaign_id = ?').pluck().get(importing),
      ).toBe(40_000);
      expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    } finally {
      await check.close();
    }
    for (let i = 0; i < 2; i++) {
      const lines = readFileSync(join(d.path, `report-${i}.csv`), 'utf8')
        .trim()
        .split('\n');
      expect(lines.length, `report-${i}`).toBe(recipients + 1);
    }
  }, 300_000);
});
