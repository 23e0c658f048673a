// One measured send run: a cloud account pointing at a sandbox in ANOTHER process (so the CPU
// and memory measured are the app's alone), N recipients, the account's rate set to RATE.
// Prints JSON with wall time, CPU seconds per 1,000 messages, peak RSS and the sandbox's counters.
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/service';
import { SANDBOX_TEMPLATES } from '../../electron/sandbox';

const [sandboxUrl, rateArg, countArg] = process.argv.slice(2);
if (!sandboxUrl || !rateArg || !countArg)
  throw new Error('usage: send-app.ts SANDBOX_URL RATE COUNT');
const rate = Number(rateArg);
const count = Number(countArg);
const dataDir = mkdtempSync(join(tmpdir(), 'cd-sendbench-'));
const core = createCore({
  dataDir,
  shell: 'headless',
  externalChangePollMs: 0,
  runSenders: true,
  tokens: { tokenFor: () => 'sandbox-token' },
});
try {
  const account = await core.handlers['accounts.add']({
    name: 'bench',
    phoneNumberId: '100000000000001',
    wabaId: '200000000000001',
    tokenEnv: 'X',
    baseUrl: sandboxUrl,
    ratePerSecond: rate,
  });
  const campaign = await core.handlers['campaigns.create']({
    name: 'bench',
    accountId: account.id,
  });
  const csv = join(dataDir, 'list.csv');
  writeFileSync(
    csv,
    [
      'phone,name,order',
      ...Array.from(
        { length: count },
        (_, i) => `+4479${String(10000000 + i).padStart(8, '0')},C${i},O${i}`,
      ),
    ].join('\n'),
  );
  await core.handlers['audience.import']({
    campaignId: campaign.id,
    file: { kind: 'path', path: csv },
    fileName: '',
    options: {},
  });
  const t = SANDBOX_TEMPLATES.find((x) => x.name === 'order_confirmation')!;
  const templateId = Number(
    core.store.sqlite
      .prepare(
        "INSERT INTO templates (account_id, name, language, status, category, parameter_format, components_json, source, updated_at) VALUES (?, ?, ?, 'APPROVED', ?, ?, ?, 'sync', 0)",
      )
      .run(
        account.id,
        t.name,
        t.language,
        t.category,
        t.parameter_format,
        JSON.stringify(t.components),
      ).lastInsertRowid,
  );
  core.store.sqlite
    .prepare(
      'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
    )
    .run(
      templateId,
      t.name,
      t.language,
      JSON.stringify({
        'body.first_name': { kind: 'column', column: 'name' },
        'body.order_number': { kind: 'column', column: 'order' },
      }),
      campaign.id,
    );

  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let firstSentAt = 0;
  const done = new Promise<void>((resolve) => {
    core.events.on('send.progress', (p) => {
      if (!firstSentAt && p.counts.sent > 0) firstSentAt = performance.now();
      if (p.state === 'completed') resolve();
    });
  });
  await core.handlers['campaigns.start']({ campaignId: campaign.id });
  await done;
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const stats = (await (
    await fetch(`${sandboxUrl}/_sandbox/stats`, {
      headers: { Authorization: 'Bearer sandbox-feed-token' },
    })
  ).json()) as {
    accepted: number;
    acceptedByRecipient: Record<string, number>;
    rejected: Record<string, number>;
    maxInOneSecond: number;
  };
  const states = Object.fromEntries(
    (
      core.store.sqlite
        .prepare('SELECT state, count(*) AS n FROM recipients GROUP BY state')
        .all() as { state: string; n: number }[]
    ).map((r) => [r.state, r.n]),
  );
  const sentRange = core.store.sqlite
    .prepare(
      "SELECT min(sent_at) AS a, max(sent_at) AS b, count(*) AS n FROM recipients WHERE state = 'sent'",
    )
    .get() as { a: number; b: number; n: number };
  const sendSeconds = (sentRange.b - sentRange.a) / 1000;
  console.log(
    JSON.stringify({
      rate,
      count,
      wallMs: Math.round(wallMs),
      achievedRate: Math.round(((sentRange.n - 1) / sendSeconds) * 10) / 10,
      maxInOneSecond: stats.maxInOneSecond,
      rejected429: stats.rejected['130429'] ?? 0,
      accepted: stats.accepted,
      duplicates: Object.values(stats.acceptedByRecipient).filter((n) => n > 1).length,
      serverErrors: (stats.rejected['131000'] ?? 0) + (stats.rejected['2'] ?? 0),
      sent: states.sent ?? 0,
      unknown: states.unknown ?? 0,
      failed: states.failed ?? 0,
      cpuSecondsPer1000: Math.round(((cpu.user + cpu.system) / 1e6 / (count / 1000)) * 1000) / 1000,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
