import {
  DEFAULT_GRACE_MINUTES,
  MAX_GRACE_MINUTES,
  isTimeZone,
  type Schedule,
  type ScheduleRun,
} from '../../../../shared/api';
import { instantOfLocal, localTime } from '../../../../shared/domain/pacing/zone-time';
import { parseRuleText } from '../../../../shared/domain/schedule';
import { systemTimeZone } from '../../../core/reports/time-format';
import { call, EXIT, flag, parseId, print, str, UsageError, type Command } from '../framework';

/** "2026-03-02 10:00" on the schedule's own clock. */
function at(zone: string, ms: number | null): string {
  if (ms === null) return '—';
  const t = localTime(zone, ms);
  const p = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${t.year}-${p(t.month)}-${p(t.day)} ${p(t.minuteOfDay / 60)}:${p(t.minuteOfDay % 60)}`;
}

/** The end of that day in `zone`: the schedule runs on it, not after. */
function untilOf(raw: string | undefined, zone: string): number | null {
  if (raw === undefined) return null;
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(raw);
  if (!m) throw new UsageError(`--until takes a date as YYYY-MM-DD, not "${raw}".`);
  return instantOfLocal(zone, Number(m[1]), Number(m[2]), Number(m[3]), 24 * 60) - 1;
}

function graceOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_GRACE_MINUTES;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours * 60 > MAX_GRACE_MINUTES)
    throw new UsageError(
      `--grace-hours takes a number of hours from 0 to ${MAX_GRACE_MINUTES / 60}, not "${raw}".`,
    );
  return Math.round(hours * 60);
}

function runLine(zone: string, r: ScheduleRun): string {
  const what =
    r.state === 'started' || r.state === 'creating'
      ? `campaign ${r.campaignId ?? '(deleted)'}${r.campaignName ? ` "${r.campaignName}"` : ''}${r.campaignState ? ` (${r.campaignState})` : ''}`
      : (r.reason ?? '');
  return `  ${at(zone, r.dueAt)}  ${r.state.padEnd(8)}  ${what}`;
}

function describe(s: Schedule): string {
  return [
    `Schedule ${s.id}: ${s.name}${s.paused ? ' (paused)' : ''}`,
    `  When: ${s.ruleText} (${s.timeZone}); missed runs still go out up to ${s.graceMinutes / 60} hours late.`,
    `  Who: segment ${s.segmentId}${s.segmentName ? ` "${s.segmentName}"` : ' (deleted)'}, read at each run.`,
    `  What: template ${s.templateName ?? '—'}, with the settings of campaign ${s.settingsFrom.campaignId ?? '—'}${s.settingsFrom.campaignName ? ` "${s.settingsFrom.campaignName}"` : ''}.`,
    `  Next run: ${s.paused ? 'none while paused' : s.nextRunAt === null ? 'none (past its end date)' : at(s.timeZone, s.nextRunAt)}${s.until ? `; ends ${at(s.timeZone, s.until).slice(0, 10)}` : ''}.`,
    ...(s.lastRuns.length
      ? ['  Last runs:', ...s.lastRuns.map((r) => runLine(s.timeZone, r))]
      : []),
  ].join('\n');
}

const byId = (verb: 'pause' | 'resume', summary: string): Command => ({
  path: ['schedules', verb],
  args: ['id'],
  usage: `schedules ${verb} <id>`,
  summary,
  async run(ctx) {
    const s = await call(ctx.core(), `schedules.${verb}`, { id: parseId(ctx.args.id, 'id') });
    print(ctx, s, () => describe(s));
    return EXIT.OK;
  },
});

export const scheduleCommands: Command[] = [
  {
    path: ['schedules', 'add'],
    options: {
      name: { type: 'string' },
      segment: { type: 'string' },
      from: { type: 'string' },
      every: { type: 'string' },
      zone: { type: 'string' },
      'grace-hours': { type: 'string' },
      until: { type: 'string' },
    },
    usage:
      "schedules add --name N --segment ID --from CAMPAIGN --every 'mon 10:00'|'1st 09:00'|'daily 18:00' [--zone Europe/Paris] [--grace-hours 6] [--until YYYY-MM-DD]",
    summary:
      'Send to a segment on a schedule: each run is its own campaign with the settings of --from, sent by the app or `serve` while it is open',
    async run(ctx) {
      const name = str(ctx, 'name');
      const every = str(ctx, 'every');
      if (!name || !every)
        throw new UsageError(
          "schedules add needs --name, --segment, --from and --every 'mon 10:00'.",
        );
      const rule = parseRuleText(every);
      if (!rule.ok) throw new UsageError(`--every: ${rule.message}`);
      const zone = str(ctx, 'zone') ?? systemTimeZone();
      if (!isTimeZone(zone))
        throw new UsageError(`--zone: "${zone}" is not a time zone; use one such as Europe/Paris.`);
      const s = await call(ctx.core(), 'schedules.create', {
        name,
        segmentId: parseId(str(ctx, 'segment'), '--segment'),
        settingsFrom: parseId(str(ctx, 'from'), '--from'),
        rule: rule.rule,
        timeZone: zone,
        graceMinutes: graceOf(str(ctx, 'grace-hours')),
        until: untilOf(str(ctx, 'until'), zone),
      });
      print(ctx, s, () => describe(s));
      return EXIT.OK;
    },
  },
  {
    path: ['schedules', 'list'],
    usage: 'schedules list',
    summary: 'The recurring campaigns, their next run and their last runs',
    async run(ctx) {
      const list = await call(ctx.core(), 'schedules.list', {});
      print(ctx, list, () =>
        list.length === 0
          ? "No schedules yet. Make one with: campaign-desk schedules add --name 'Monday offer' --segment 1 --from 12 --every 'mon 10:00'"
          : list.map(describe).join('\n\n'),
      );
      return EXIT.OK;
    },
  },
  byId('pause', 'Stop a schedule from running until it is resumed'),
  byId(
    'resume',
    'Run a paused schedule again from its next time (what fell due while paused is not sent)',
  ),
  {
    path: ['schedules', 'delete'],
    args: ['id'],
    options: { yes: { type: 'boolean' } },
    usage: 'schedules delete <id> --yes',
    summary: 'Delete a schedule and its run history; the campaigns it made stay',
    async run(ctx) {
      if (!flag(ctx, 'yes'))
        throw new UsageError(
          'This deletes the schedule and its list of runs (its campaigns stay). Run again with --yes to confirm.',
        );
      const r = await call(ctx.core(), 'schedules.delete', { id: parseId(ctx.args.id, 'id') });
      print(ctx, r, () =>
        r.deleted ? 'Deleted. The campaigns it made are still in the list.' : 'Nothing to delete.',
      );
      return EXIT.OK;
    },
  },
  {
    path: ['schedules', 'runs'],
    args: ['id'],
    options: { limit: { type: 'string' } },
    usage: 'schedules runs <id> [--limit N]',
    summary: 'Every run of a schedule: its campaign, or why it was skipped or failed',
    async run(ctx) {
      const id = parseId(ctx.args.id, 'id');
      const limit = str(ctx, 'limit');
      const core = ctx.core();
      const runs = await call(core, 'schedules.runs', {
        id,
        ...(limit !== undefined ? { limit: parseId(limit, '--limit') } : {}),
      });
      const zone =
        (await call(core, 'schedules.list', {})).find((s) => s.id === id)?.timeZone ?? 'UTC';
      print(ctx, runs, () =>
        runs.length === 0
          ? 'No runs yet.'
          : [
              `DUE (${zone})    STATE     CAMPAIGN OR REASON`,
              ...runs.map((r) => runLine(zone, r)),
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
];
