import { existsSync } from 'node:fs';
import type { ResourceLimits } from 'node:worker_threads';
import { basename } from 'node:path';
import {
  CoreError,
  type AudiencePreview,
  type ImportResult,
  type ImportSummary,
  type InvalidRow,
  type ParsedInput,
  type Recipient,
} from '../../../shared/api';
import { canEditAudience } from '../../../shared/domain/campaigns';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { Download } from '../downloads';
import type { WorkerMessage, WorkerTask } from './jobs';
import { runJob, type RunningJob, type WorkerEntry } from './runner';
import { resolveFileRef } from './uploads';
import { discardOwnBatches, liveBatch } from './batch/import-batch';
import { published } from '../db/visibility';
import { countryForAccount } from '../settings/business-country';
import { csvText, encodeCsv, EXCEL_CSV, type CsvFormat } from '../csv/write';

export interface AudienceDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  workerEntry: WorkerEntry;
  nativeBinding?: string;
  /** Test hook passed to the worker to simulate a read failure mid-file. */
  faultAfterBytes?: number;
  /** Test hook: the import worker's memory cap (IMPORT_WORKER_LIMITS otherwise). */
  workerLimits?: ResourceLimits;
}

type FileInput = ParsedInput<'audience.import'>;

function failure(message: Extract<WorkerMessage, { type: 'error' }>): CoreError {
  return message.code === 'INPUT'
    ? new CoreError('VALIDATION', message.message)
    : new CoreError('INTERNAL', `The import failed: ${message.message}`);
}

export function createAudienceService(deps: AudienceDeps) {
  const { store, clock, events } = deps;
  const running = new Map<number, RunningJob>();

  const campaignState = (campaignId: number) => {
    const row = store.first(
      store.q
        .selectFrom('campaigns')
        .select(['state', 'default_country', 'account_id'])
        .where('id', '=', campaignId),
    );
    if (!row) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    return row;
  };

  /** The campaign's last choice, else the account's or the business's country (countryForAccount). */
  const defaultCountryFor = (campaignId: number): string | null => {
    const c = campaignState(campaignId);
    return c.default_country ?? countryForAccount(store, c.account_id);
  };

  const task = (input: FileInput, kind: 'preview' | 'import'): WorkerTask => {
    const path = resolveFileRef(deps.dataDir, input.file);
    if (!existsSync(path))
      throw new CoreError(
        'VALIDATION',
        input.file.kind === 'path'
          ? `There is no file at ${path}.`
          : 'The uploaded file is gone; add the file again.',
      );
    const fileName = input.fileName || basename(path);
    const options = {
      ...input.options,
      defaultCountry:
        input.options.defaultCountry === undefined
          ? defaultCountryFor(input.campaignId)
          : input.options.defaultCountry,
    };
    if (kind === 'preview') return { kind, path, fileName, options };
    return {
      kind,
      path,
      fileName,
      options,
      dbPath: store.path,
      campaignId: input.campaignId,
      now: clock.now(),
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
      ...(deps.faultAfterBytes !== undefined ? { faultAfterBytes: deps.faultAfterBytes } : {}),
    };
  };

  return {
    async preview(input: FileInput): Promise<AudiencePreview> {
      campaignState(input.campaignId);
      const result = await runJob(
        task(input, 'preview'),
        deps.workerEntry,
        () => undefined,
        deps.workerLimits,
      ).done;
      if (result.type === 'preview') return result.result;
      if (result.type === 'error') throw failure(result);
      throw new CoreError('INTERNAL', 'The preview stopped unexpectedly.');
    },

    async import(input: FileInput): Promise<ImportResult> {
      const state = campaignState(input.campaignId).state;
      if (!canEditAudience(state))
        throw new CoreError('CONFLICT', 'Recipients can only be added to a draft campaign.');
      if (running.has(input.campaignId))
        throw new CoreError('CONFLICT', 'An import into this campaign is already running.');
      const started = clock.now();
      const job = runJob(
        task(input, 'import'),
        deps.workerEntry,
        (p) => {
          const seconds = Math.max((clock.now() - started) / 1000, 0.001);
          events.emit('import.progress', {
            campaignId: input.campaignId,
            rows: p.rows,
            bytes: p.bytes,
            totalBytes: p.totalBytes,
            rowsPerSecond: Math.round(p.rows / seconds),
          });
        },
        deps.workerLimits,
      );
      running.set(input.campaignId, job);
      let imported = false;
      try {
        const result = await job.done;
        imported = result.type === 'imported';
        if (result.type === 'imported') {
          events.emit('db.changed', {
            tables: ['recipients', 'campaigns'],
            campaignId: input.campaignId,
          });
          return result.result;
        }
        if (result.type === 'cancelled')
          throw new CoreError('CONFLICT', 'The import was cancelled; the audience is unchanged.', {
            cancelled: true,
          });
        if (result.type === 'error') throw failure(result);
        throw new CoreError('INTERNAL', 'The import stopped unexpectedly.');
      } finally {
        running.delete(input.campaignId);
        // A worker that died (out of memory, terminated while stuck) could not remove its batch.
        if (!imported) discardOwnBatches(store.sqlite, input.campaignId);
      }
    },

    cancel(campaignId: number): { cancelled: boolean } {
      const job = running.get(campaignId);
      job?.cancel();
      return { cancelled: job !== undefined };
    },

    clear(campaignId: number): { removed: number } {
      const removed = store.tx(() => {
        if (!canEditAudience(campaignState(campaignId).state)) {
          throw new CoreError('CONFLICT', 'Only a draft campaign’s audience can be cleared.');
        }
        if (running.has(campaignId) || liveBatch(store.sqlite, campaignId))
          throw new CoreError('CONFLICT', 'Wait for the import to finish, or cancel it, first.');
        const { changes } = store.run(
          store.q.deleteFrom('recipients').where('campaign_id', '=', campaignId),
        );
        store.run(store.q.deleteFrom('imports').where('campaign_id', '=', campaignId));
        store.run(
          store.q
            .updateTable('campaigns')
            .set({ columns_json: '[]', updated_at: clock.now() })
            .where('id', '=', campaignId),
        );
        return changes;
      });
      events.emit('db.changed', { tables: ['recipients', 'campaigns'], campaignId });
      return { removed };
    },

    imports(campaignId: number): ImportSummary[] {
      campaignState(campaignId);
      return store
        .all(
          store.q
            .selectFrom('imports')
            .select(['id', 'summary_json', 'created_at'])
            .where('campaign_id', '=', campaignId)
            // An import still being written has no summary yet and is not part of the audience.
            .where('id', 'not in', (eb) => eb.selectFrom('import_batches').select('id'))
            .orderBy('id', 'desc'),
        )
        .map((r) => ({
          ...(JSON.parse(r.summary_json) as ImportSummary),
          importId: r.id,
          createdAt: r.created_at,
        }));
    },

    invalidRows(
      importId: number,
      limit: number,
      offset: number,
    ): { total: number; rows: InvalidRow[] } {
      const total =
        store.first(
          store.q
            .selectFrom('import_rejects')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('import_id', '=', importId),
        )?.n ?? 0;
      const rows = store
        .all(
          store.q
            .selectFrom('import_rejects')
            .select(['row_number', 'raw_value', 'reason'])
            .where('import_id', '=', importId)
            .orderBy('row_number')
            .limit(limit)
            .offset(offset),
        )
        .map((r) => ({ row: r.row_number, value: r.raw_value, reason: r.reason }));
      return { total, rows };
    },

    recipients(
      campaignId: number,
      limit: number,
      afterId: number,
    ): { items: Recipient[]; nextAfterId: number | null } {
      campaignState(campaignId);
      const rows = store.all(
        store.q
          .selectFrom('recipients')
          .select([
            'id',
            'row_number',
            'phone',
            'country',
            'phone_type',
            'state',
            'skip_reason',
            'fields_json',
            'route',
          ])
          .where('campaign_id', '=', campaignId)
          .where(published())
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(limit + 1),
      );
      const items = rows.slice(0, limit).map((r) => ({
        id: r.id,
        rowNumber: r.row_number,
        phone: r.phone,
        country: r.country,
        phoneType: r.phone_type,
        state: r.state,
        skipReason: r.skip_reason,
        fields: JSON.parse(r.fields_json) as Record<string, string>,
        route: r.route,
      }));
      return { items, nextAfterId: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    /**
     * The rejected rows of one import as a CSV the user can fix and import again: the original
     * columns in their order, plus the row number and the reason. Written in pages.
     */
    invalidRowsDownload(importId: number): Download {
      const imp = store.first(
        store.q
          .selectFrom('imports')
          .select(['file_name', 'summary_json'])
          .where('id', '=', importId),
      );
      if (!imp) throw new CoreError('NOT_FOUND', 'That import does not exist.');
      const summary = JSON.parse(imp.summary_json) as ImportSummary;
      const { columns } = summary;
      // The file goes back the way it came: its separator and encoding (an Excel workbook, which
      // has neither, gets what Excel opens right: comma and UTF-8).
      const format: CsvFormat =
        summary.format === 'csv' && summary.delimiter && summary.encoding
          ? { delimiter: summary.delimiter, encoding: summary.encoding }
          : EXCEL_CSV;
      const base = imp.file_name.replace(/\.[^.]+$/, '') || 'import';
      return {
        fileName: `${base} - rows to fix.csv`,
        write: async (out) => {
          const write = (text: string, first = false) =>
            new Promise<void>((resolve, reject) =>
              out.write(encodeCsv(text, format.encoding, first), (e) =>
                e ? reject(e) : resolve(),
              ),
            );
          await write(
            csvText([[...columns, 'Row in original file', 'Problem']], format.delimiter),
            true,
          );
          let after = 0;
          for (;;) {
            const page = store.all(
              store.q
                .selectFrom('import_rejects')
                .select(['id', 'row_number', 'reason', 'fields_json'])
                .where('import_id', '=', importId)
                .where('id', '>', after)
                .orderBy('id')
                .limit(5000),
            );
            const last = page.at(-1);
            if (!last) break;
            after = last.id;
            const rows = page.map((r) => {
              const fields = JSON.parse(r.fields_json) as Record<string, string>;
              return [...columns.map((c) => fields[c] ?? ''), String(r.row_number), r.reason];
            });
            await write(csvText(rows, format.delimiter));
          }
        },
      };
    },
  };
}

export type AudienceService = ReturnType<typeof createAudienceService>;
