import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/service';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { tempDir } from '../../helpers/tmp';
import { ORDER_TEMPLATE, phones, storeTemplate } from './helpers';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../../electron/core/db/open';
import { seededRandom } from '../../unit/sender/prng';

const require = createRequire(import.meta.url);
const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const cli = join(import.meta.dirname, '..', '..', '..', 'electron', 'headless', 'cli.ts');

interface Kill {
  /** Kill once the simulator has accepted this many sends in all. */
  atAccepted: number;
  /** Hold SQLite's write lock from here first, so the child holds answers it cannot write. */
  locked: boolean;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `campaigns send --wait` in its own process and SIGKILLs it when the simulator's accepted
 * count reaches `kill.atAccepted` (checked every few ms in this process, where the in-process
 * simulator counts). Null: runs to the end.
 */
function sendProcess(
  dataDir: string,
  campaignId: number,
  sandbox: Sandbox,
  kill: Kill | null,
  db: Database.Database,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        tsx,
        cli,
        '--data-dir',
        dataDir,
        'campaigns',
        'send',
        String(campaignId),
        '--wait',
        '--json',
      ],
      { env: { ...process.env, SHOP_TOKEN: 'sandbox-token' }, stdio: 'ignore' },
    );
    let exited = false;
    const done = new Promise<void>((resolveExit) =>
      child.on('exit', (code, signal) => {
        exited = true;
        resolveExit();
        // The lock is let go only after the child is dead: it never writes what it held.
        if (db.inTransaction) db.exec('COMMIT');
        resolve({ code, signal });
      }),
    );
    if (!kill) return;
    void (async () => {
      while (!exited && sandbox.stats().accepted < kill.atAccepted) await pause(1);
      if (exited) return;
      if (kill.locked) {
        // Another writer (an import, a status apply) holds the lock while answers come back.
        db.exec('BEGIN IMMEDIATE');
        db.prepare('UPDATE sender_leases SET heartbeat_at = heartbeat_at').run();
        const held = sandbox.stats().accepted;
        for (let i = 0; i < 200 && !exited && sandbox.stats().accepted <= held; i++) await pause(1);
        await pause(30);
      }
      child.kill('SIGKILL');
      await done;
    })();
  });
}

describe('crash safety', () => {
  let sandbox: Sandbox | undefined;
  const dir = tempDir('cd-kill-');
  afterEach(async () => {
    await sandbox?.close();
    dir.cleanup();
  });

  it('SIGKILL at random moments, then resume: nobody is sent twice, nobody is left behind, counts add up', async () => {
    sandbox = await startSandbox({ ratePerSecond: 1000 });
    const setup = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
    const account = await setup.handlers['accounts.add']({
      name: 'Shop',
      phoneNumberId: sandbox.phoneNumberId,
      wabaId: sandbox.wabaId,
      tokenEnv: 'SHOP_TOKEN',
      baseUrl: sandbox.url,
      ratePerSecond: 50,
    });
    const campaign = await setup.handlers['campaigns.create']({
      name: 'Kill me',
      accountId: account.id,
    });
    const csv = join(dir.path, 'list.csv');
    const numbers = phones(400);
    writeFileSync(
      csv,
      ['phone,name,order', ...numbers.map((p, i) => `${p},C${i},O${i}`)].join('\n'),
    );
    await setup.handlers['audience.import']({
      campaignId: campaign.id,
      file: { kind: 'path', path: csv },
      fileName: '',
      options: {},
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
        campaign.id,
      );
    await setup.close();

    // Kill points drawn (seeded) from the accepted count: every few to a dozen or so sends, about
    // a quarter of them while another connection holds the write lock (answers held, not written).
    const random = seededRandom(14);
    const probe = new Database(join(dir.path, DATABASE_FILE));
    const sendingNow = () =>
      (
        probe
          .prepare(
            "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'sending'",
          )
          .get(campaign.id) as { n: number }
      ).n;
    let kills = 0;
    let lockedKills = 0;
    let leftSending = 0;
    while (kills < 40) {
      const atAccepted = sandbox.stats().accepted + 2 + Math.floor(random() * 14);
      if (atAccepted >= 380) break;
      const locked = random() < 0.25;
      const r = await sendProcess(dir.path, campaign.id, sandbox, { atAccepted, locked }, probe);
      if (r.signal !== 'SIGKILL') break;
      kills++;
      if (locked) lockedKills++;
      // What a kill leaves in `sending` is what the next start turns into unknown, and nothing else:
      // at 50/s a claim batch (3) and the requests in flight (at most 50; more when this process,
      // which runs the simulator, answers slowly on a loaded machine).
      const left = sendingNow();
      expect(left, `kill ${kills}`).toBeLessThanOrEqual(3 + 50);
      leftSending += left;
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(lockedKills).toBeGreaterThan(2);
    const last = await sendProcess(dir.path, campaign.id, sandbox, null, probe);
    expect(last.code).toBe(0);
    probe.close();

    const check = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
    const rows = check.store.sqlite
      .prepare('SELECT phone, state FROM recipients WHERE campaign_id = ?')
      .all(campaign.id) as { phone: string; state: string }[];
    const status = await check.handlers['campaigns.status']({ campaignId: campaign.id });
    await check.close();

    const accepted = sandbox.stats().acceptedByRecipient;
    expect(status.state).toBe('completed');
    expect(rows).toHaveLength(400);
    for (const r of rows) {
      const n = accepted[r.phone] ?? 0;
      expect(n, `${r.phone} accepted ${n} times`).toBeLessThanOrEqual(1);
      expect(['sent', 'unknown'], `${r.phone} left ${r.state}`).toContain(r.state);
      if (r.state === 'sent') expect(n).toBe(1);
    }
    const sent = rows.filter((r) => r.state === 'sent').length;
    const unknown = rows.filter((r) => r.state === 'unknown').length;
    expect(sent + unknown).toBe(400);
    expect(Object.values(accepted).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(400);
    // Only what the kills left in `sending` can be unknown (the status poller settles those that
    // the simulator had accepted); a recipient whose answer was written is never among them.
    expect(unknown).toBeLessThanOrEqual(leftSending);
    expect(sent).toBeGreaterThan(200);
  }, 400_000);
});
