import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  createReadStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  CoreError,
  REPORT_FILTER_LABEL,
  REPORT_FILTER_STATES,
  REPORT_FILTERS,
  type ParsedInput,
  type ReportErrorReason,
  type ReportFilter,
  type ReportOptions,
  type ReportResult,
} from '../../../shared/api';
import type { Clock } from '../clock';
import { recipientCounts } from '../campaigns/repo';
import type { ClicksSource } from '../campaigns/variants-compare';
import { reportVariants } from '../campaigns/variants-report';
import type { Store } from '../db/connection';
import type { Download } from '../downloads';
import type { EventBus } from '../events';
import { effectiveRateCard, sendTimeOf } from '../pricing/rates';
import { allColumns, chooseColumns, type ReportLanguages } from './columns';
import { languageChoiceOf } from '../translations/setting';
import { familyLanguages } from '../translations/family';
import type { ExportTask } from './jobs';
import {
  defaultExportWorkerEntry,
  runExport,
  type RunningExport,
  type WorkerEntry,
} from './runner';
import type { CampaignInfo } from './summary';
import { systemTimeZone } from './time-format';

export type ReportInput = ParsedInput<'reports.export'>;

export interface ReportDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  workerEntry?: WorkerEntry;
  nativeBinding?: string;
  /** Button clicks per template over a campaign's days, for the "By variant" section (template analytics). */
  clicksFor?: (campaignId: number) => ClicksSource;
}

/** Finished reports wait here for the shell to save them (the browser downloads them later). */
const EXPORTS_DIR = 'exports';
const KEEP_STAGED_MS = 24 * 3600_000;

const fail = (
  code: ConstructorParameters<typeof CoreError>[0],
  reason: ReportErrorReason,
  message: string,
) => new CoreError(code, message, { reason });

// Characters Windows, macOS or Linux refuse in a file name become "_".
const safeFileName = (name: string) =>
  [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120) || 'campaign';

export function createReportService(deps: ReportDeps) {
  const { store, clock, events } = deps;
  const entry = deps.workerEntry ?? defaultExportWorkerEntry();
  const running = new Map<number, { job: RunningExport; exportId: number }>();
  const staged = new Map<number, { path: string; fileName: string }>();
  const stagingDir = join(deps.dataDir, EXPORTS_DIR);
  let nextExportId = 1;

  const campaignInfo = (campaignId: number): CampaignInfo & { columns: string[] } => {
    const row = store.first(
      store.q
        .selectFrom('campaigns')
        .innerJoin('accounts', 'accounts.id', 'campaigns.account_id')
        .leftJoin('templates', 'templates.id', 'campaigns.template_id')
        .select([
          'campaigns.id',
          'campaigns.name',
          'campaigns.state',
          'campaigns.template_name',
          'campaigns.template_language',
          'campaigns.started_at',
          'campaigns.completed_at',
          'campaigns.columns_json',
          'campaigns.settings_json',
          'campaigns.account_id',
          'accounts.name as account_name',
          'templates.category',
        ])
        .where('campaigns.id', '=', campaignId),
    );
    if (!row) throw fail('NOT_FOUND', 'no-campaign', `Campaign ${campaignId} does not exist.`);
    return {
      id: row.id,
      name: row.name,
      state: row.state,
      accountName: row.account_name,
      templateName: row.template_name,
      templateLanguage: row.template_language,
      category: row.category,
      startedAt: row.started_at,
      completedAt: row.completed_at,
      variants: reportVariants(store, campaignId, deps.clicksFor?.(campaignId)),
      languages: reportLanguages(row),
      columns: JSON.parse(row.columns_json) as string[],
    };
  };

  const reportLanguages = (row: {
    account_id: number;
    template_name: string | null;
    template_language: string | null;
    settings_json: string | null;
  }): ReportLanguages | null => {
    const choice = languageChoiceOf(row.settings_json);
    if (choice.kind === 'fixed' || row.template_name === null) return null;
    const family = familyLanguages(store, row.account_id, row.template_name);
    return { choice, family, fixed: row.template_language ?? '' };
  };

  const filterCounts = (campaignId: number): Record<ReportFilter, number> => {
    const counts = recipientCounts(store, campaignId);
    const sum = (f: ReportFilter) => {
      const states = REPORT_FILTER_STATES[f];
      return states ? states.reduce((n, s) => n + counts[s], 0) : counts.total;
    };
    return Object.fromEntries(REPORT_FILTERS.map((f) => [f, sum(f)])) as Record<
      ReportFilter,
      number
    >;
  };

  /** Everything that can be refused is refused here, before a worker starts or a file is opened. */
  const prepare = (
    input: ReportInput,
    path: string,
  ): { task: ExportTask; totalRows: number; fileName: string } => {
    const campaign = campaignInfo(input.campaignId);
    if (campaign.state === 'draft')
      throw fail(
        'CONFLICT',
        'draft',
        `"${campaign.name}" has not been sent yet: a draft has no delivery report.`,
      );
    if (running.has(input.campaignId))
      throw fail(
        'CONFLICT',
        'running',
        'A report of this campaign is already being written; wait for it or cancel it.',
      );
    const timeZone = input.timeZone ?? systemTimeZone();
    const card = effectiveRateCard(store, sendTimeOf(store, input.campaignId, Date.now()));
    const { columns, unknown } = chooseColumns(
      allColumns(
        campaign.columns,
        timeZone,
        card.currency,
        (campaign.variants?.length ?? 0) > 1,
        !!campaign.languages,
      ),
      input.columns,
    );
    if (unknown.length)
      throw fail(
        'VALIDATION',
        'bad-column',
        `This campaign has no column ${unknown.map((c) => `"${c}"`).join(', ')}.`,
      );
    if (columns.length === 0) throw fail('VALIDATION', 'bad-column', 'Choose at least one column.');
    const totalRows = filterCounts(input.campaignId)[input.filter];
    if (totalRows === 0) {
      throw fail(
        'NOT_FOUND',
        'empty',
        `No recipient of "${campaign.name}" matches "${REPORT_FILTER_LABEL[input.filter]}": there is nothing to export.`,
      );
    }
    const { columns: _columns, ...info } = campaign;
    const suffix = input.filter === 'all' ? '' : ` (${input.filter})`;
    return {
      totalRows,
      fileName: `${safeFileName(campaign.name)} - delivery report${suffix}.${input.format}`,
      task: {
        dbPath: store.path,
        ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
        campaign: info,
        format: input.format,
        filter: input.filter,
        states: REPORT_FILTER_STATES[input.filter],
        columns,
        timeZone,
        card,
        path,
        now: clock.now(),
      },
    };
  };

  const checkWritable = (outPath: string) => {
    const dir = dirname(outPath);
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a folder');
      accessSync(dir, constants.W_OK);
      if (existsSync(outPath) && statSync(outPath).isDirectory())
        throw new Error('that is a folder');
    } catch (e) {
      throw fail(
        'UNAVAILABLE',
        'unwritable',
        `The report cannot be written to ${outPath}: ${e instanceof Error ? e.message : String(e)}.`,
      );
    }
  };

  /** Writes to a hidden temporary file beside the destination, renamed into place only when complete. */
  const run = async (
    input: ReportInput,
    outPath: string,
    fileNameOverride?: string,
  ): Promise<ReportResult> => {
    const out = resolve(outPath);
    checkWritable(out);
    const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.part`);
    const { task, totalRows, fileName } = prepare(input, tmp);
    const exportId = nextExportId++;
    const started = clock.now();
    const job = runExport(task, entry, (p) => {
      const seconds = Math.max((clock.now() - started) / 1000, 0.001);
      events.emit('report.progress', {
        exportId,
        campaignId: input.campaignId,
        rows: p.rows,
        totalRows,
        bytes: p.bytes,
        rowsPerSecond: Math.round(p.rows / seconds),
      });
    });
    running.set(input.campaignId, { job, exportId });
    try {
      const result = await job.done;
      if (result.type === 'done') {
        try {
          renameSync(tmp, out);
        } catch (e) {
          throw fail(
            'UNAVAILABLE',
            'unwritable',
            `The report could not be saved as ${out}: ${e instanceof Error ? e.message : String(e)}.`,
          );
        }
        events.emit('report.progress', {
          exportId,
          campaignId: input.campaignId,
          rows: result.rows,
          totalRows,
          bytes: result.bytes,
          rowsPerSecond: 0,
        });
        return {
          exportId,
          campaignId: input.campaignId,
          fileName: fileNameOverride ?? fileName,
          format: input.format,
          filter: input.filter,
          timeZone: task.timeZone,
          rows: result.rows,
          bytes: result.bytes,
          durationMs: clock.now() - started,
        };
      }
      if (result.type === 'cancelled')
        throw fail('CONFLICT', 'cancelled', 'The export was cancelled; no file was written.');
      if (result.type === 'error' && result.code === 'OUTPUT')
        throw fail(
          'UNAVAILABLE',
          'unwritable',
          `The report cannot be written to ${out}: ${result.message}`,
        );
      throw new CoreError(
        'INTERNAL',
        `The export failed: ${result.type === 'error' ? result.message : 'it stopped unexpectedly'}.`,
      );
    } finally {
      running.delete(input.campaignId);
      // The worker deletes its partial file, but not when it was terminated mid-write.
      rmSync(tmp, { force: true });
    }
  };

  return {
    options(campaignId: number): ReportOptions {
      const campaign = campaignInfo(campaignId);
      const card = effectiveRateCard(store, sendTimeOf(store, campaignId, Date.now()));
      return {
        campaignId,
        columns: allColumns(
          campaign.columns,
          systemTimeZone(),
          card.currency,
          (campaign.variants?.length ?? 0) > 1,
          !!campaign.languages,
        ).map((c) =>
          // The UI names the zone once, beside the chooser; the file's header carries it.
          c.group === 'status'
            ? {
                ...c,
                label: c.label.replace(
                  / \([^)]*\)$/,
                  c.id === 'price' ? ` (${card.currency})` : '',
                ),
              }
            : c,
        ),
        counts: filterCounts(campaignId),
        exportable: campaign.state !== 'draft',
      };
    },

    /** For the app and the browser: written into the data folder, then saved by the shell. */
    async export(input: ReportInput): Promise<ReportResult> {
      mkdirSync(stagingDir, { recursive: true });
      const ext = input.format;
      const path = join(stagingDir, `report-${randomBytes(8).toString('hex')}.${ext}`);
      const result = await run(input, path);
      staged.set(result.exportId, { path, fileName: result.fileName });
      return result;
    },

    /** For the CLI: straight to the user's file. */
    exportToFile: (input: ReportInput, outPath: string) => run(input, outPath, basename(outPath)),

    cancel(campaignId: number): { cancelled: boolean } {
      const r = running.get(campaignId);
      r?.job.cancel();
      return { cancelled: r !== undefined };
    },

    download(exportId: number): Download {
      const file = staged.get(exportId);
      if (!file || !existsSync(file.path))
        throw fail('NOT_FOUND', 'gone', 'That report is no longer available; export it again.');
      return {
        fileName: file.fileName,
        write: async (out) => {
          for await (const chunk of createReadStream(file.path)) {
            if (!out.write(chunk)) await once(out, 'drain');
          }
        },
      };
    },

    /** Staged reports older than a day go; the user has saved them (or never will). */
    async prune(): Promise<void> {
      const names = await readdir(stagingDir).catch(() => [] as string[]);
      const now = clock.now();
      for (const name of names) {
        const path = join(stagingDir, name);
        const s = await stat(path).catch(() => null);
        if (s && now - s.mtimeMs > KEEP_STAGED_MS) await unlink(path).catch(() => undefined);
      }
    },

    async close(): Promise<void> {
      const jobs = [...running.values()];
      for (const r of jobs) r.job.cancel();
      await Promise.all(jobs.map((r) => r.job.done));
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
