import { HELD_LABEL } from '../../../../shared/domain/status';
import type { SendProgress } from '../../../../shared/api';
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

function describe(p: SendProgress): string {
  const c = p.counts;
  // Held messages are accepted but not sent on yet: shown apart, never as sent.
  const held = p.held ?? 0;
  const parts = [
    `${p.state}`,
    `${c.sent + c.delivered + c.read - held} sent`,
    ...(held ? [`${held} ${HELD_LABEL.toLowerCase()}`] : []),
    `${c.delivered + c.read} delivered`,
    `${c.read} read`,
    `${c.failed} failed`,
    `${c.pending + c.sending} to go`,
  ];
  if (c.unknown) parts.push(`${c.unknown} unknown`);
  if (c.expired) parts.push(`${c.expired} expired`);
  if (c.skipped) parts.push(`${c.skipped} skipped`);
  if (p.ratePerSecond) parts.push(`${p.ratePerSecond}/s`);
  if (p.etaSeconds) parts.push(`ETA ${Math.ceil(p.etaSeconds / 60)} min`);
  let line = parts.join(' · ');
  if (p.waiting) line += `\n  waiting: ${p.waiting.message}`;
  if (p.pauseReason) line += `\n  paused: ${p.pauseReason}`;
  if (p.statusSilence) {
    line += `\n  no delivery reports: ${p.statusSilence.message}`;
    for (const fix of p.statusSilence.fixes) line += `\n    - ${fix}`;
  }
  for (const f of p.failedByCode ?? [])
    line += `\n  failed ${f.count}× ${f.code ?? ''} ${f.title}: ${f.action}`;
  return line;
}

async function control(
  ctx: Ctx,
  method: 'campaigns.pause' | 'campaigns.resume' | 'campaigns.cancel' | 'campaigns.status',
): Promise<number> {
  const campaignId = parseId(ctx.args.campaignId, 'campaignId');
  const progress = await call(ctx.core(), method, { campaignId });
  print(ctx, progress, () => describe(progress));
  return EXIT.OK;
}

const LIMITS: Record<string, 250 | 2000 | 10_000 | 100_000 | null> = {
  '250': 250,
  '2000': 2000,
  '10000': 10_000,
  '10k': 10_000,
  '100000': 100_000,
  '100k': 100_000,
  unlimited: null,
};

export const sendingCommands: Command[] = [
  {
    path: ['accounts', 'add'],
    options: {
      name: { type: 'string' },
      'phone-number-id': { type: 'string' },
      'waba-id': { type: 'string' },
      'token-env': { type: 'string' },
      'base-url': { type: 'string' },
      rate: { type: 'string' },
      'daily-limit': { type: 'string' },
      country: { type: 'string' },
    },
    usage:
      'accounts add --name N --phone-number-id ID --waba-id W --token-env VAR [--base-url URL] [--rate N] [--daily-limit N] [--country CC]',
    summary:
      'Add a WhatsApp Business phone number (the token is read from the environment variable VAR)',
    async run(ctx) {
      const need = (name: string) => {
        const v = str(ctx, name);
        if (v === undefined) throw new UsageError(`accounts add needs --${name}.`);
        return v;
      };
      const rate = str(ctx, 'rate');
      const limit = str(ctx, 'daily-limit');
      if (limit !== undefined && !(limit.toLowerCase() in LIMITS))
        throw new UsageError('--daily-limit must be 250, 2000, 10000, 100000 or unlimited.');
      const account = await call(ctx.core(), 'accounts.add', {
        name: need('name'),
        phoneNumberId: need('phone-number-id'),
        wabaId: need('waba-id'),
        tokenEnv: need('token-env'),
        ...(str(ctx, 'base-url') ? { baseUrl: str(ctx, 'base-url') } : {}),
        ...(rate !== undefined ? { ratePerSecond: Number(rate) } : {}),
        ...(limit !== undefined ? { messagingLimit: LIMITS[limit.toLowerCase()] ?? null } : {}),
        ...(str(ctx, 'country') ? { defaultCountry: str(ctx, 'country')!.toUpperCase() } : {}),
      });
      print(
        ctx,
        account,
        () =>
          `Added account ${account.id}: ${account.name} (phone number ID ${account.phoneNumberId}).`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'send'],
    args: ['campaignId'],
    options: { wait: { type: 'boolean' }, at: { type: 'string' } },
    usage: 'campaigns send <campaignId> [--wait] [--at ISO-TIME]',
    summary: 'Start (or schedule) sending; --wait sends in the foreground until the campaign ends',
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const at = str(ctx, 'at');
      const scheduleAt = at === undefined ? undefined : Date.parse(at);
      if (scheduleAt !== undefined && Number.isNaN(scheduleAt))
        throw new UsageError(
          `--at must be a date and time such as 2026-12-01T09:00 (not "${at}").`,
        );
      const wait = flag(ctx, 'wait');
      const core = ctx.core({ runSenders: wait });
      const before = await call(core, 'campaigns.status', { campaignId });
      // A second run of --wait resumes: the campaign is already sending (or paused by a crash's pause).
      let progress =
        before.state === 'draft'
          ? await call(core, 'campaigns.start', {
              campaignId,
              ...(scheduleAt ? { scheduleAt } : {}),
            })
          : before;
      if (!wait) {
        print(
          ctx,
          progress,
          () =>
            `${describe(progress)}\n${progress.state === 'sending' ? 'Sending continues in the app or the next `campaigns send --wait`.' : ''}`,
        );
        return EXIT.OK;
      }
      if (progress.state !== 'sending' && progress.state !== 'scheduled') {
        print(ctx, progress, () => describe(progress));
        return progress.state === 'completed' ? EXIT.OK : EXIT.FAILED;
      }
      const off = core.events.on('send.progress', (p) => {
        if (p.campaignId === campaignId) ctx.io.stderr(describe(p));
      });
      const stopped = ctx.io.untilStopped?.().then(() => 'stopped' as const);
      try {
        core.senders.ensure(campaignId);
        for (;;) {
          const tick = new Promise<'tick'>((r) => setTimeout(() => r('tick'), 500));
          if ((await Promise.race(stopped ? [tick, stopped] : [tick])) === 'stopped') break;
          core.senders.tick();
          progress = await call(core, 'campaigns.status', { campaignId });
          if (progress.state !== 'sending' && progress.state !== 'scheduled') break;
        }
      } finally {
        off();
      }
      print(ctx, progress, () => describe(progress));
      if (progress.state === 'paused')
        throw new CommandError(`The campaign paused: ${progress.pauseReason ?? ''}`);
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'pause'],
    args: ['campaignId'],
    usage: 'campaigns pause <campaignId>',
    summary: 'Pause a sending or scheduled campaign',
    run: (ctx) => control(ctx, 'campaigns.pause'),
  },
  {
    path: ['campaigns', 'resume'],
    args: ['campaignId'],
    usage: 'campaigns resume <campaignId>',
    summary: 'Resume a paused campaign (after the prechecks pass)',
    run: (ctx) => control(ctx, 'campaigns.resume'),
  },
  {
    path: ['campaigns', 'cancel'],
    args: ['campaignId'],
    usage: 'campaigns cancel <campaignId>',
    summary: 'Cancel: nothing more is sent',
    run: (ctx) => control(ctx, 'campaigns.cancel'),
  },
  {
    path: ['campaigns', 'status'],
    args: ['campaignId'],
    usage: 'campaigns status <campaignId>',
    summary: 'Counts by state, rate and ETA',
    run: (ctx) => control(ctx, 'campaigns.status'),
  },
];
