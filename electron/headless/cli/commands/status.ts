import type { RecipientCounts, StatusSources, SyncResult } from '../../../../shared/api';
import {
  call,
  CommandError,
  EXIT,
  flag,
  parseId,
  print,
  str,
  UsageError,
  type Command,
  type Ctx,
} from '../framework';
import { human, noun } from '../format';

const ROUND_MS = 2000;
/** Without --once: stop after this long even if the campaign keeps sending (run it again to go on). */
const MAX_FOLLOW_MS = 6 * 3_600_000;

const counts = (c: RecipientCounts) =>
  [
    `${c.sent} sent`,
    `${c.delivered} delivered`,
    `${c.read} read`,
    `${c.failed} failed`,
    ...(c.unknown ? [`${c.unknown} unknown`] : []),
    ...(c.expired ? [`${c.expired} expired`] : []),
  ].join(' · ');

function describe(r: SyncResult): string {
  const lines = [
    `Campaign ${r.campaignId}: ${counts(r.after)}`,
    `  before: ${counts(r.before)}`,
    `  ${r.applied} applied, ${human().countOf(r.duplicates, noun('duplicate'))}, ${r.unchanged} older than what we had, ${r.unmatched} for messages we did not send` +
      (r.settled ? `, ${r.settled} unknown settled` : '') +
      (r.suppressed ? `, ${human().countOf(r.suppressed, noun('number'))} suppressed` : '') +
      (r.expired ? `, ${r.expired} expired` : ''),
  ];
  if (r.pausedCampaigns.length) lines.push(`  paused campaigns: ${r.pausedCampaigns.join(', ')}`);
  for (const s of r.sources) {
    if (s.skipped) lines.push(`  ${s.source}: skipped — ${s.skipped}`);
    else
      lines.push(
        `  ${s.source}: ${s.ok ? 'ok' : 'FAILED'} — ${s.calls} requests, ${s.observations} observations, ${s.applied} applied`,
      );
    for (const p of s.problems.slice(0, 5)) lines.push(`    ${p}`);
  }
  return lines.join('\n');
}

/** Sums the rounds of a followed sync into one result: first "before", last "after". */
function merge(a: SyncResult, b: SyncResult): SyncResult {
  return {
    ...b,
    before: a.before,
    applied: a.applied + b.applied,
    duplicates: a.duplicates + b.duplicates,
    unchanged: a.unchanged + b.unchanged,
    unmatched: a.unmatched + b.unmatched,
    settled: a.settled + b.settled,
    suppressed: a.suppressed + b.suppressed,
    expired: a.expired + b.expired,
    pausedCampaigns: [...new Set([...a.pausedCampaigns, ...b.pausedCampaigns])],
  };
}

const polledAndFailed = (r: SyncResult) => {
  const polled = r.sources.filter((s) => !s.skipped);
  return polled.length > 0 && polled.every((s) => !s.ok);
};

async function syncStatus(ctx: Ctx): Promise<number> {
  const campaignId = parseId(ctx.args.campaignId, 'campaignId');
  const core = ctx.core();
  let result = await call(core, 'campaigns.syncStatus', { campaignId });
  if (!flag(ctx, 'once')) {
    // Follow the campaign: rounds every two seconds while it sends or statuses keep coming.
    const stopped = ctx.io.untilStopped?.().then(() => 'stopped' as const);
    const started = Date.now();
    let quiet = result.applied === 0 ? 1 : 0;
    for (;;) {
      const state = (await call(core, 'campaigns.get', { id: campaignId })).state;
      if ((state !== 'sending' && quiet >= 2) || Date.now() - started > MAX_FOLLOW_MS) break;
      const tick = new Promise<'tick'>((r) => setTimeout(() => r('tick'), ROUND_MS));
      if ((await Promise.race(stopped ? [tick, stopped] : [tick])) === 'stopped') break;
      const round = await call(core, 'campaigns.syncStatus', { campaignId });
      quiet = round.applied === 0 ? quiet + 1 : 0;
      if (round.applied) ctx.io.stderr(`${counts(round.after)}  (+${round.applied})`);
      result = merge(result, round);
    }
  }
  print(ctx, result, () => describe(result));
  if (polledAndFailed(result)) throw new CommandError('Every status source failed; see above.');
  return EXIT.OK;
}

function describeSources(s: StatusSources): string {
  const lines = [`Account ${s.accountId} status sources:`];
  for (const h of s.sources) {
    const state =
      h.state === 'off'
        ? 'off'
        : `${h.state}${h.lastPollAt ? `, last poll ${new Date(h.lastPollAt).toISOString()}` : ''}`;
    const budget =
      h.budgetPerHour !== null
        ? `, ${h.callsThisHour ?? 0}/${h.budgetPerHour} calls this hour${h.source === 'history' && s.historyBudgetAuto ? ' (sized by the last sweep)' : ''}`
        : '';
    const unproven =
      h.state === 'unproven' ? '\n    not yet proven: Meta has not answered for this account' : '';
    const error =
      h.lastError && (h.state === 'failing' || h.state === 'unproven')
        ? `\n    last error: ${h.lastError}`
        : '';
    lines.push(`  ${h.source}: ${state}${budget}${unproven}${error}`);
  }
  lines.push(
    `  relay URL: ${s.relayUrl ?? '(none)'}   read token variable: ${s.relayTokenEnv ?? '(none)'}`,
  );
  return lines.join('\n');
}

const onOff = (v: string | undefined, name: string): boolean | undefined => {
  if (v === undefined) return undefined;
  if (v === 'on' || v === 'off') return v === 'on';
  throw new UsageError(`--${name} takes on or off.`);
};

export const statusCommands: Command[] = [
  {
    path: ['campaigns', 'sync-status'],
    args: ['campaignId'],
    options: { once: { type: 'boolean' } },
    usage: 'campaigns sync-status <campaignId> [--once]',
    summary:
      'Poll the status sources (relay, message history, sandbox) and apply; prints what changed',
    run: syncStatus,
  },
  {
    path: ['accounts', 'status-sources'],
    args: ['accountId'],
    options: {
      'relay-url': { type: 'string' },
      'relay-token-env': { type: 'string' },
      relay: { type: 'string' },
      history: { type: 'string' },
      'history-budget': { type: 'string' },
    },
    usage:
      'accounts status-sources <accountId> [--relay-url URL|none] [--relay-token-env VAR] [--relay on|off] [--history on|off] [--history-budget N|auto]',
    summary: "Show or change where an account's delivery statuses come from",
    async run(ctx) {
      const accountId = parseId(ctx.args.accountId, 'accountId');
      const url = str(ctx, 'relay-url');
      const budget = str(ctx, 'history-budget');
      if (budget !== undefined && budget !== 'auto' && !/^\d{1,4}$/.test(budget))
        throw new UsageError(
          '--history-budget must be a whole number of calls per hour, or auto (sized by the campaign).',
        );
      const relayEnabled = onOff(str(ctx, 'relay'), 'relay');
      const historyEnabled = onOff(str(ctx, 'history'), 'history');
      const changes = {
        ...(url !== undefined ? { relayUrl: url === 'none' ? null : url } : {}),
        ...(str(ctx, 'relay-token-env') !== undefined
          ? { relayTokenEnv: str(ctx, 'relay-token-env') }
          : {}),
        ...(relayEnabled !== undefined ? { relayEnabled } : {}),
        ...(historyEnabled !== undefined ? { historyEnabled } : {}),
        ...(budget !== undefined
          ? { historyBudgetPerHour: budget === 'auto' ? null : Number(budget) }
          : {}),
      };
      const core = ctx.core();
      const sources = Object.keys(changes).length
        ? await call(core, 'accounts.setStatusSources', { accountId, ...changes })
        : await call(core, 'accounts.statusSources', { accountId });
      print(ctx, sources, () => describeSources(sources));
      return EXIT.OK;
    },
  },
];
