// One measurement of tests/bench/status.ts, in its own process: the progress view's backend at
// 1,000,000 recipients — counts and failures (campaigns.status), the chart (campaigns.timeline), keyset
// pages of the table with filters and search (recipients.page), and one idle sync round's upkeep.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/service';
import type { MethodInput, MethodName } from '../../shared/api';
import { dispatch } from '../../electron/core/api/dispatch';

const N = Number(process.argv[2] ?? 1_000_000);
const dataDir = join(import.meta.dirname, '..', '..', '.tmp', 'bench', `status-queries-${process.pid}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0, statusPolling: false });
const db = core.store.sqlite;

// A finished campaign of N recipients, 8 columns each, in a realistic mix of outcomes over 3 hours.
const started = Date.now() - 3 * 3_600_000;
const campaignId = Number(db.prepare("INSERT INTO campaigns (account_id, name, state, started_at, completed_at, created_at, updated_at) VALUES (1, 'Big', 'completed', ?, ?, 0, 0)").run(started, started + 3_600_000).lastInsertRowid);
const insert = db.prepare(
  `INSERT INTO recipients (campaign_id, row_number, phone, state, fields_json, wamid, wa_id, sent_at, delivered_at, read_at, failed_at, error_code, error_title)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const t0 = performance.now();
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const r = (Math.imul(i + 7, 2654435761) >>> 0) / 2 ** 32;
    const state = r < 0.6 ? 'read' : r < 0.82 ? 'delivered' : r < 0.9 ? 'sent' : r < 0.95 ? 'failed' : r < 0.98 ? 'skipped' : 'unknown';
    const sent = state === 'skipped' || state === 'unknown' ? null : started + Math.floor((i / N) * 3_600_000);
    const code = state === 'failed' ? [131026, 131049, 131050][i % 3]! : null;
    const phone = `+4479${String(10_000_000 + i)}`;
    insert.run(
      campaignId, i + 2, phone, state,
      JSON.stringify({ first_name: `Name${i}`, last_name: `Surname${i % 977}`, email: `user${i}@example.com`, city: `City ${i % 313}`, postcode: `AB${i % 90} ${i % 9}CD`, last_order: '2026-03-14', total_spent: String((i % 5000) / 10) }),
      sent === null ? null : `wamid.${i.toString(36)}`, phone.slice(1), sent,
      state === 'read' || state === 'delivered' ? sent! + 4000 : null,
      state === 'read' ? sent! + 60_000 : null,
      state === 'failed' ? sent! + 2000 : null,
      code, code === null ? null : 'x',
    );
  }
})();
const seedMs = performance.now() - t0;
const lastId = (db.prepare('SELECT max(id) AS id FROM recipients').get() as { id: number }).id;

async function time<K extends MethodName>(method: K, input: MethodInput<K>, runs = 5): Promise<{ medianMs: number; note?: string }> {
  const ms: number[] = [];
  let note: string | undefined;
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const r = await dispatch<K>(core.handlers, method, input);
    ms.push(performance.now() - a);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    const v = r.value as { items?: unknown[]; scanned?: number; buckets?: unknown[] };
    if (v.items) note = `${v.items.length} rows, ${v.scanned} scanned`;
    if (v.buckets) note = `${v.buckets.length} buckets`;
  }
  ms.sort((a, b) => a - b);
  return { medianMs: Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10, ...(note ? { note } : {}) };
}

const results: Record<string, unknown> = {
  recipients: N,
  seedMs: Math.round(seedMs),
  'campaigns.status (counts + failures by code)': await time('campaigns.status', { campaignId }),
  'campaigns.failures': await time('campaigns.failures', { campaignId }),
  'campaigns.timeline (60 s buckets)': await time('campaigns.timeline', { campaignId, bucketSeconds: 60 }),
  'recipients.page first 100': await time('recipients.page', { campaignId }),
  'recipients.page 100 near the end (afterId)': await time('recipients.page', { campaignId, afterId: lastId - 150 }),
  'recipients.page state=failed': await time('recipients.page', { campaignId, states: ['failed'] }),
  'recipients.page states=delivered+read, deep': await time('recipients.page', { campaignId, states: ['delivered', 'read'], afterId: Math.floor(lastId / 2) }),
  'recipients.page search phone (match at the end)': await time('recipients.page', { campaignId, search: `79${10_000_000 + N - 10}` }),
  'recipients.page search a column (no match, one bounded step)': await time('recipients.page', { campaignId, search: 'nobody-has-this' }),
  'recipients.page search a column within failed': await time('recipients.page', { campaignId, states: ['failed'], search: 'City 12' }),
};
// The upkeep every sync round runs (re-match unmatched, sweep unknown, TTL expiry), with nothing to do.
const upkeep: number[] = [];
for (let i = 0; i < 5; i++) {
  const a = performance.now();
  core.status.reconciler.internals.rows.byWamid('wamid.none');
  await dispatch(core.handlers, 'campaigns.syncStatus', { campaignId });
  upkeep.push(performance.now() - a);
}
upkeep.sort((a, b) => a - b);
results['campaigns.syncStatus with no source (upkeep only)'] = { medianMs: Math.round(upkeep[2]! * 10) / 10 };
await core.close();
rmSync(dataDir, { recursive: true, force: true });
results.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(results));
