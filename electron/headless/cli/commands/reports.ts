import { extname, resolve } from 'node:path';
import {
  CoreError,
  isTimeZone,
  REPORT_FILTERS,
  REPORT_FORMATS,
  type ReportFilter,
  type ReportFormat,
} from '../../../../shared/api';
import { reportInput } from '../../../../shared/api/methods/reports';
import { CommandError, EXIT, parseId, print, str, UsageError, type Command } from '../framework';
import { human, noun } from '../format';

const oneOf = <T extends string>(
  list: readonly T[],
  value: string | undefined,
  option: string,
): T | undefined => {
  if (value === undefined) return undefined;
  if (!(list as readonly string[]).includes(value))
    throw new UsageError(`--${option} must be one of ${list.join(', ')}, not "${value}".`);
  return value as T;
};

export const reportCommands: Command[] = [
  {
    path: ['campaigns', 'export'],
    args: ['campaignId'],
    options: {
      format: { type: 'string' },
      filter: { type: 'string' },
      out: { type: 'string' },
      columns: { type: 'string' },
      'time-zone': { type: 'string' },
    },
    usage:
      'campaigns export <campaignId> --out FILE [--format csv|xlsx] [--filter all|delivered|read|failed|not-delivered] [--columns ID,ID] [--time-zone ZONE]',
    summary: 'Write the delivery report (one row per recipient; xlsx adds a summary sheet)',
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const outArg = str(ctx, 'out');
      if (!outArg) throw new UsageError('campaigns export needs --out FILE.');
      const out = resolve(outArg);
      // Without --format the file's extension decides; anything else is CSV.
      const format: ReportFormat =
        oneOf(REPORT_FORMATS, str(ctx, 'format'), 'format') ??
        (extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
      const filter: ReportFilter = oneOf(REPORT_FILTERS, str(ctx, 'filter'), 'filter') ?? 'all';
      const timeZone = str(ctx, 'time-zone');
      if (timeZone !== undefined && !isTimeZone(timeZone))
        throw new UsageError(
          `--time-zone must be an IANA zone such as Europe/Berlin, not "${timeZone}".`,
        );
      const columns = str(ctx, 'columns')
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const parsed = reportInput.safeParse({
        campaignId,
        format,
        filter,
        ...(columns ? { columns } : {}),
        ...(timeZone ? { timeZone } : {}),
      });
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => i.message).join(' '));

      const core = ctx.core();
      let lastLine = 0;
      const off = core.events.on('report.progress', (p) => {
        if (p.campaignId !== campaignId || ctx.json || Date.now() - lastLine < 1000) return;
        lastLine = Date.now();
        ctx.io.stderr(
          `… ${human().count(p.rows)} of ${human().countOf(p.totalRows, noun('row'))}, ${human().bytes(p.bytes)}`,
        );
      });
      try {
        const result = await core.reports.exportToFile(parsed.data, out);
        print(
          ctx,
          { ...result, path: out },
          () =>
            `Wrote ${human().countOf(result.rows, noun('row'))} to ${out} (${format}, ${filter}, times in ${result.timeZone}).`,
        );
        return EXIT.OK;
      } catch (e) {
        if (e instanceof CoreError) throw new CommandError(e.message);
        throw e;
      } finally {
        off();
      }
    },
  },
];
