// Audience filter at 1,000,000 recipients (issue 9): the live count (first and cached), a preview step
// deep in the filtered audience, and the exclusion at start, against a floor measured in the same run:
// the same condition written as plain SQL (json_extract and lower(), no accent folding, no number
// reading), which is the least any filter over a JSON column costs SQLite.
// Run: npx tsx tests/bench/audience-filter.ts [recipients]
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyExclusions, audienceScope } from '../../electron/core/campaigns/audience-scope';
import { dispatch } from '../../electron/core/api/dispatch';
import { createCore } from '../../electron/core/service';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import { seedBigCampaign } from './big-campaign';

const N = Number(process.argv[2] ?? 1_000_000);
const dataDir = join(
  import.meta.dirname,
  '..',
  '..',
  '.tmp',
  'bench',
  `audience-filter-${process.pid}`,
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

async function call<K extends MethodName>(
  method: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const r = await dispatch<K>(core.handlers, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}
const timed = async <T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> => {
  const a = performance.now();
  const value = await fn();
  return { ms: Math.round((performance.now() - a) * 10) / 10, value };
};

// A draft of N pending recipients with the big campaign's 8 columns.
const seeded = seedBigCampaign(db, N, 'Filter bench');
const { campaignId } = seeded;
db.prepare(
  "UPDATE campaigns SET state = 'draft', started_at = NULL, completed_at = NULL, columns_json = ? WHERE id = ?",
).run(
  JSON.stringify([
    'first_name',
    'last_name',
    'email',
    'city',
    'postcode',
    'last_order',
    'total_spent',
  ]),
  campaignId,
);
db.prepare(
  "UPDATE recipients SET state = 'pending', skip_reason = NULL, wamid = NULL, sent_at = NULL, delivered_at = NULL, read_at = NULL, failed_at = NULL, error_code = NULL WHERE campaign_id = ?",
).run(campaignId);

// City is "City 7" (any case) OR total spent over 400: about 20% of the audience.
const filter = {
  root: {
    kind: 'group' as const,
    match: 'any' as const,
    items: [
      { kind: 'condition' as const, column: 'city', op: 'equals' as const, value: 'city 7' },
      { kind: 'condition' as const, column: 'total_spent', op: 'num_gt' as const, value: 400 },
    ],
  },
  decimal: '.' as const,
  dateOrder: 'dmy' as const,
};
await call('campaigns.setFilter', { campaignId, filter });

const first = await timed(() => call('campaigns.filterCount', { campaignId }));
const cached = await timed(() => call('campaigns.filterCount', { campaignId }));
const step = await timed(() =>
  call('campaigns.preview', { campaignId, position: Math.floor(first.value.matching * 0.75) }),
);
const next = await timed(() =>
  call('campaigns.preview', { campaignId, recipientId: step.value.nextId ?? undefined }),
);

// The floor: the same condition in plain SQL, counted and then applied, rolled back.
const floorSql = `FROM recipients WHERE campaign_id = ? AND state = 'pending'
  AND NOT (lower(json_extract(fields_json, '$.city')) = 'city 7' OR CAST(json_extract(fields_json, '$.total_spent') AS REAL) > 400)`;
const floorCount = await timed(
  () => (db.prepare(`SELECT count(*) AS n ${floorSql}`).get(campaignId) as { n: number }).n,
);
const floorApply = await timed(() => {
  db.exec('BEGIN');
  try {
    return db
      .prepare(
        `UPDATE recipients SET state = 'skipped', skip_reason = 'x' WHERE id IN (SELECT id ${floorSql})`,
      )
      .run(campaignId).changes;
  } finally {
    db.exec('ROLLBACK');
  }
});

// The start's exclusion step exactly as sending.ts runs it (synchronous, one transaction).
const apply = await timed(() =>
  core.store.tx(() =>
    applyExclusions(core.store, audienceScope(core.store, campaignId, Date.now())),
  ),
);
const excluded = apply.value.reduce((n, r) => n + r.count, 0);
if (excluded !== floorCount.value || excluded !== N - first.value.matching) {
  throw new Error(
    `counts disagree: app excluded ${excluded}, floor ${floorCount.value}, count says ${N - first.value.matching}`,
  );
}
await core.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `Audience filter at ${N.toLocaleString('en')} recipients (${first.value.matching.toLocaleString('en')} match):`,
);
console.log(
  `  live count, first: ${first.ms} ms   (floor: plain SQL count ${floorCount.ms} ms, ratio ${(first.ms / floorCount.ms).toFixed(2)})`,
);
console.log(`  live count, cached: ${cached.ms} ms`);
console.log(`  preview step to 75% of the filtered audience: ${step.ms} ms; next: ${next.ms} ms`);
console.log(
  `  exclusion at start (${excluded.toLocaleString('en')} rows): ${apply.ms} ms   (floor: plain SQL UPDATE ${floorApply.ms} ms, ratio ${(apply.ms / floorApply.ms).toFixed(2)})`,
);
console.log(`  peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
