// One measurement of tests/bench/status.ts, in its own process: the progress view's backend at
// 1,000,000 recipients — counts and failures (campaigns.status), the chart (campaigns.timeline), keyset
// pages of the table with filters and search (recipients.page), and one idle sync round's upkeep.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/service';
import type { MethodInput, MethodName } from '../../shared/api';
import { dispatch } from '../../electron/core/api/dispatch';
import { seedBigCampaign } from './big-campaign';

const N = Number(process.argv[2] ?? 1_000_000);
const dataDir = join(
  import.meta.dirname,
  '..',
  '..',
  '.tmp',
  'bench',
  `status-queries-${process.pid}`,
);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const core = createCore({
  dataDir,
  shell: 'headless',
  externalChangePollMs: 0,
  statusPolling: false,
});
const db = core.store.sqlite;

const t0 = performance.now();
const { campaignId, lastId } = seedBigCampaign(db, N);
const seedMs = performance.now() - t0;

async function time<K extends MethodName>(
  method: K,
  input: MethodInput<K>,
  runs = 5,
): Promise<{ medianMs: number; note?: string }> {
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
  return {
    medianMs: Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10,
    ...(note ? { note } : {}),
  };
}

const results: Record<string, unknown> = {
  recipients: N,
  seedMs: Math.round(seedMs),
  'campaigns.status (counts + failures by code)': await time('campaigns.status', { campaignId }),
  'campaigns.failures': await time('campaigns.failures', { campaignId }),
  'campaigns.timeline (60 s buckets)': await time('campaigns.timeline', {
    campaignId,
    bucketSeconds: 60,
  }),
  'recipients.page first 100': await time('recipients.page', { campaignId }),
  'recipients.page 100 near the end (afterId)': await time('recipients.page', {
    campaignId,
    afterId: lastId - 150,
  }),
  'recipients.page state=failed': await time('recipients.page', { campaignId, states: ['failed'] }),
  'recipients.page states=delivered+read, deep': await time('recipients.page', {
    campaignId,
    states: ['delivered', 'read'],
    afterId: Math.floor(lastId / 2),
  }),
  'recipients.page search phone (match at the end)': await time('recipients.page', {
    campaignId,
    search: `79${10_000_000 + N - 10}`,
  }),
  'recipients.page search a column (no match, one bounded step)': await time('recipients.page', {
    campaignId,
    search: 'nobody-has-this',
  }),
  'recipients.page search a column within failed': await time('recipients.page', {
    campaignId,
    states: ['failed'],
    search: 'City 12',
  }),
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
results['campaigns.syncStatus with no source (upkeep only)'] = {
  medianMs: Math.round(upkeep[2]! * 10) / 10,
};
await core.close();
rmSync(dataDir, { recursive: true, force: true });
results.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(results));
