import type { AnalyticsHealth, CampaignAnalytics, MetaFigures } from '../../../../shared/api';
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
} from '../framework';
import { human } from '../format';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const n = (v: number | null) => (v === null ? '—' : human().count(v));
const signed = (v: number | null) => (v === null ? '—' : human().signed(v));

function describeHealth(h: AnalyticsHealth): string {
  const meta = {
    unknown: 'not known yet',
    enabled: 'on',
    not_enabled: 'NOT enabled',
    unsupported: 'not offered for this account',
  }[h.metaState];
  const lines = [
    `Account ${h.accountId} template analytics: Meta ${meta}; fetching ${h.polling ? 'on' : 'off'} (${h.state})`,
  ];
  lines.push(
    `  ${h.callsThisHour}/${h.budgetPerHour} calls this hour${h.lastSuccessAt ? `, last fetched ${new Date(h.lastSuccessAt).toISOString()}` : ''}`,
  );
  if (h.lastError && h.state === 'failing') lines.push(`  last error: ${h.lastError}`);
  return lines.join('\n');
}

const clicksOf = (m: MetaFigures | null) =>
  m?.clicks.length
    ? m.clicks.map(
        (c) =>
          `    ${c.button} (${c.type.replace(/_button$/, '').replace('_', ' ')}): ${human().count(c.count)}`,
      )
    : ['    (none reported)'];

function describe(a: CampaignAnalytics): string {
  const t = a.templates.map((x) => `${x.name} (${x.language})`).join(', ') || '(no template)';
  const lines = [
    `Campaign ${a.campaignId} — ${t}${a.days ? `, UTC days ${day(a.days.from)} to ${day(a.days.to)}` : ''}`,
  ];
  lines.push('              Meta   Campaign Desk   difference');
  for (const k of ['sent', 'delivered', 'read'] as const) {
    lines.push(
      `  ${k.padEnd(10)}${n(a.meta?.[k] ?? null).padStart(6)}${n(a.ours[k]).padStart(16)}${signed(a.differences[k]).padStart(13)}`,
    );
  }
  lines.push(
    `  this campaign alone: ${a.campaign.sent} sent, ${a.campaign.delivered} delivered, ${a.campaign.read} read, ${a.campaign.failed} failed after sending`,
  );
  lines.push('  button clicks (Meta):', ...clicksOf(a.meta));
  const spent = a.meta?.cost.find((c) => c.type === 'amount_spent');
  if (spent) lines.push(`  amount spent (Meta): ${spent.value}`);
  if (a.fetched) lines.push(`  fetched ${new Date(a.fetched.newest).toISOString()}`);
  for (const e of a.explanations) lines.push(`  • ${e.text}`);
  return lines.join('\n');
}

const onOff = (v: string | undefined): boolean | undefined => {
  if (v === undefined) return undefined;
  if (v === 'on' || v === 'off') return v === 'on';
  throw new UsageError('--analytics takes on or off.');
};

export const analyticsCommands: Command[] = [
  {
    path: ['campaigns', 'analytics'],
    args: ['campaignId'],
    options: { refresh: { type: 'boolean' } },
    usage: 'campaigns analytics <campaignId> [--refresh]',
    summary:
      "Meta's template analytics for the campaign's template and days next to our own counts, with button clicks",
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const core = ctx.core();
      const result = await call(
        core,
        flag(ctx, 'refresh') ? 'campaigns.refreshAnalytics' : 'campaigns.analytics',
        { campaignId },
      );
      print(ctx, result, () => describe(result));
      if (flag(ctx, 'refresh') && result.health.state === 'failing')
        throw new CommandError(`Fetching failed: ${result.health.lastError ?? 'see above'}`);
      return EXIT.OK;
    },
  },
  {
    path: ['accounts', 'analytics'],
    args: ['accountId'],
    options: {
      enable: { type: 'boolean' },
      'yes-irreversible': { type: 'boolean' },
      analytics: { type: 'string' },
      'analytics-budget': { type: 'string' },
    },
    usage:
      'accounts analytics <accountId> [--enable [--yes-irreversible]] [--analytics on|off] [--analytics-budget N]',
    summary:
      "Show or switch on Meta's template analytics for an account (enabling cannot be undone at Meta)",
    async run(ctx) {
      const accountId = parseId(ctx.args.accountId, 'accountId');
      const core = ctx.core();
      const budget = str(ctx, 'analytics-budget');
      if (
        budget !== undefined &&
        (!/^\d{1,3}$/.test(budget) || Number(budget) < 1 || Number(budget) > 200)
      )
        throw new UsageError('--analytics-budget is a number of calls per hour from 1 to 200.');
      const polling = onOff(str(ctx, 'analytics'));
      let health: AnalyticsHealth | undefined;
      if (flag(ctx, 'enable')) {
        const sandbox = (await call(core, 'accounts.analytics', { accountId })).sandbox;
        if (!sandbox && !flag(ctx, 'yes-irreversible')) {
          throw new UsageError(
            'Enabling template analytics switches them on for the whole WhatsApp Business Account at Meta, and Meta cannot switch them off again. Run it again with --yes-irreversible to go ahead.',
          );
        }
        health = await call(core, 'accounts.enableAnalytics', {
          accountId,
          confirmIrreversible: true,
        });
      }
      if (polling !== undefined || budget !== undefined) {
        health = await call(core, 'accounts.setAnalytics', {
          accountId,
          ...(polling !== undefined ? { polling } : {}),
          ...(budget !== undefined ? { budgetPerHour: Number(budget) } : {}),
        });
      }
      health ??= await call(core, 'accounts.analytics', { accountId });
      print(ctx, health, () => describeHealth(health));
      return EXIT.OK;
    },
  },
];
