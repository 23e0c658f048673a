import { createWriteStream, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { suppressionSourceLabel, type SuppressionEntry } from '../../../../shared/api';
import { call, CommandError, EXIT, print, str, UsageError, type Command } from '../framework';
import { human, noun } from '../format';

const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const table = (rows: SuppressionEntry[]): string =>
  [
    'PHONE             ADDED (UTC)       SOURCE                      REASON',
    ...rows.map(
      (r) =>
        `${r.phone.padEnd(18)}${time(r.createdAt).padEnd(18)}${suppressionSourceLabel(r.source).padEnd(28)}${r.reason}`,
    ),
  ].join('\n');

const country = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(raw))
    throw new UsageError(`--country must be a two-letter country code such as GB, not "${raw}".`);
  return raw.toUpperCase();
};

export const suppressionCommands: Command[] = [
  {
    path: ['suppression', 'list'],
    options: { search: { type: 'string' }, limit: { type: 'string' } },
    usage: 'suppression list [--search S] [--limit N]',
    summary:
      'The suppression list (opt-outs), newest first: when, why and from where each number was added',
    async run(ctx) {
      const raw = str(ctx, 'limit');
      if (raw !== undefined && (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000))
        throw new UsageError(`--limit must be a number from 1 to 100000, not "${raw}".`);
      const wanted = raw === undefined ? 50 : Number(raw);
      const core = ctx.core();
      const rows: SuppressionEntry[] = [];
      let total = 0;
      let after: string | undefined;
      // Pages of at most 500 (the method's limit) until --limit rows; bounded by it.
      while (rows.length < wanted) {
        const page = await call(core, 'suppression.list', {
          search: str(ctx, 'search') ?? '',
          limit: Math.min(500, wanted - rows.length),
          ...(after ? { after } : {}),
        });
        rows.push(...page.rows);
        total = page.total;
        if (!page.next) break;
        after = page.next;
      }
      print(ctx, { total, rows }, () =>
        total === 0
          ? 'The suppression list is empty.'
          : `${table(rows)}\n${rows.length < total ? `${rows.length} of ${total} shown (--limit N for more).` : `${total} in all.`}`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['suppression', 'add'],
    args: ['phone'],
    options: { reason: { type: 'string' }, country: { type: 'string' } },
    usage: 'suppression add <phone> [--reason R] [--country CC]',
    summary:
      'Put one number on the suppression list (written with +country code, or --country for local numbers)',
    async run(ctx) {
      const cc = country(str(ctx, 'country'));
      const r = await call(ctx.core(), 'suppression.add', {
        phone: ctx.args.phone!,
        ...(str(ctx, 'reason') ? { reason: str(ctx, 'reason') } : {}),
        ...(cc ? { defaultCountry: cc } : {}),
      });
      print(ctx, r, () =>
        r.added
          ? `Added ${r.entry.phone} to the suppression list.`
          : `${r.entry.phone} was already on the list (${r.entry.reason}, ${time(r.entry.createdAt)} UTC).`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['suppression', 'remove'],
    args: ['phone'],
    options: { note: { type: 'string' } },
    usage: 'suppression remove <phone> [--note WHY]',
    summary: 'Take a number off the suppression list (kept in the removal log with --note)',
    async run(ctx) {
      const note = str(ctx, 'note');
      const r = await call(ctx.core(), 'suppression.remove', {
        phone: ctx.args.phone!,
        ...(note ? { note } : {}),
      });
      print(
        ctx,
        r,
        () =>
          `Removed ${ctx.args.phone} from the suppression list; campaigns may message it again.`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['suppression', 'import'],
    args: ['file'],
    options: {
      'phone-column': { type: 'string' },
      country: { type: 'string' },
      reason: { type: 'string' },
    },
    usage: 'suppression import <file.csv> [--phone-column NAME] [--country CC] [--reason R]',
    summary: 'Add every number of a CSV/TSV/xlsx file to the suppression list (all or nothing)',
    async run(ctx) {
      const path = resolve(ctx.args.file!);
      if (!existsSync(path)) throw new UsageError(`There is no file at ${path}.`);
      const cc = country(str(ctx, 'country'));
      const column = str(ctx, 'phone-column');
      const reason = str(ctx, 'reason');
      const r = await call(ctx.core(), 'suppression.import', {
        file: { kind: 'path', path },
        options: {
          ...(column ? { phoneColumn: column } : {}),
          ...(cc ? { defaultCountry: cc } : {}),
        },
        ...(reason ? { reason } : {}),
      });
      print(ctx, r, () =>
        [
          `Read ${human().countOf(r.rows, noun('row'))} of "${r.fileName}" (phone column "${r.phoneColumn}"): ${r.added} added, ${r.alreadyListed} already listed, ${r.duplicates} repeated, ${r.rejected} not a valid number.`,
          ...r.rejectedRows.slice(0, 20).map((x) => `  row ${x.row}: "${x.value}" — ${x.reason}`),
          ...(r.rejected > 20
            ? [`  … ${r.rejected - 20} more (--json lists the first ${r.rejectedRows.length}).`]
            : []),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['suppression', 'export'],
    options: { out: { type: 'string' } },
    usage: 'suppression export --out FILE',
    summary:
      'Write the suppression list as CSV (UTF-8 with BOM, for Excel; imports back with suppression import)',
    async run(ctx) {
      const outArg = str(ctx, 'out');
      if (!outArg) throw new UsageError('suppression export needs --out FILE.');
      const out = resolve(outArg);
      const core = ctx.core();
      const count = (await call(core, 'suppression.list', { limit: 1 })).total;
      // Under another name until complete, so a failure never leaves half a list that looks whole.
      const part = `${out}.part`;
      try {
        // Opened synchronously so a folder that is not there fails here, with its errno.
        const stream = createWriteStream(part, { fd: openSync(part, 'w') });
        await core.suppression.download().write(stream);
        stream.end();
        await finished(stream);
        renameSync(part, out);
      } catch (e) {
        throw new CommandError(
          `Could not write ${out}: ${e instanceof Error ? e.message : String(e)}`,
        );
      } finally {
        rmSync(part, { force: true });
      }
      print(
        ctx,
        { path: out, rows: count },
        () => `Wrote ${human().countOf(count, noun('number'))} to ${out}.`,
      );
      return EXIT.OK;
    },
  },
];
