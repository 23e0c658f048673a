import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CoreError,
  type AudiencePreview,
  type ParsedInput,
  type SuppressionEntry,
  type SuppressionImportResult,
} from '../../../shared/api';
import { normalizePhone } from '../../../shared/domain/phone';
import type { Clock } from '../clock';
import { resolveFileRef } from '../contacts/uploads';
import type { WorkerEntry } from '../contacts/runner';
import { readBusinessCountry } from '../settings/business-country';
import type { Store } from '../db/connection';
import type { Download } from '../downloads';
import type { EventBus } from '../events';
import { suppressionDownload } from './export';
import type { SuppressionTask, SuppressionWorkerMessage } from './jobs';
import { createSuppressionRepo } from './repo';
import {
  defaultSuppressionWorkerEntry,
  runSuppressionJob,
  type RunningSuppressionJob,
} from './runner';

export interface SuppressionDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  workerEntry?: WorkerEntry;
  nativeBinding?: string;
}

/**
 * The first real account's country, else the business's (asked at first run), else the
 * Sandbox's: the default for numbers without +code on the opt-out list, which no account owns.
 */
export function defaultCountry(store: Store): string | null {
  const rows = store.sqlite
    .prepare(
      "SELECT default_country FROM accounts WHERE default_country IS NOT NULL ORDER BY kind = 'sandbox', id",
    )
    .all() as { default_country: string }[];
  const real = store.sqlite
    .prepare(
      "SELECT default_country FROM accounts WHERE kind = 'cloud' AND default_country IS NOT NULL ORDER BY id",
    )
    .pluck()
    .get() as string | undefined;
  return real ?? readBusinessCountry(store).country ?? rows[0]?.default_country ?? null;
}

/**
 * The suppression list (opt-outs): list and search, add and remove by hand (removals are logged),
 * import a file of numbers in a worker, export as CSV. Opt-outs from replies, 131050 and WhatsApp's
 * own stop setting are written by the status reconciler; the audience import and the sender read the list.
 */
export function createSuppressionService(deps: SuppressionDeps) {
  const { store, clock, events } = deps;
  const repo = createSuppressionRepo(store.sqlite);
  let running: RunningSuppressionJob | null = null;
  const changed = () => events.emit('db.changed', { tables: ['suppression'] });

  const toE164 = (raw: string, country: string | null | undefined): string => {
    const p = normalizePhone(raw, country === undefined ? defaultCountry(store) : country);
    if (!p.ok)
      throw new CoreError(
        'VALIDATION',
        `${p.reason} Write the number with its country code, e.g. +44 7911 123456.`,
      );
    return p.e164;
  };

  const task = (
    input: ParsedInput<'suppression.import'>,
    kind: 'preview' | 'import',
  ): SuppressionTask => {
    const path = resolveFileRef(deps.dataDir, input.file);
    if (!existsSync(path))
      throw new CoreError(
        'VALIDATION',
        input.file.kind === 'path'
          ? `There is no file at ${path}.`
          : 'The uploaded file is gone; add the file again.',
      );
    return {
      kind,
      path,
      fileName: input.fileName || basename(path),
      options: {
        ...input.options,
        defaultCountry:
          input.options.defaultCountry === undefined
            ? defaultCountry(store)
            : input.options.defaultCountry,
      },
      dbPath: store.path,
      reason: input.reason?.trim() || null,
      now: clock.now(),
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    };
  };

  const failure = (m: SuppressionWorkerMessage): CoreError => {
    if (m.type === 'cancelled')
      return new CoreError('CONFLICT', 'The import was cancelled; the list is as it was.', {
        cancelled: true,
      });
    if (m.type === 'error')
      return m.code === 'INPUT'
        ? new CoreError('VALIDATION', m.message)
        : new CoreError('INTERNAL', `The import failed: ${m.message}`);
    return new CoreError('INTERNAL', `Unexpected answer from the import: ${m.type}.`);
  };

  return {
    list: (input: ParsedInput<'suppression.list'>) => repo.list(input),
    removals: (input: ParsedInput<'suppression.removals'>) => repo.removals(input),

    add(input: ParsedInput<'suppression.add'>): { entry: SuppressionEntry; added: boolean } {
      const phone = toE164(input.phone, input.defaultCountry);
      const added = repo.add(
        phone,
        input.reason?.trim() || 'Added by hand',
        'manual',
        null,
        clock.now(),
      );
      if (added) changed();
      return { entry: repo.get(phone)!, added };
    },

    remove(input: ParsedInput<'suppression.remove'>): { removed: boolean } {
      // The number as listed, or as the user typed it: both name the same entry.
      const typed = normalizePhone(input.phone, defaultCountry(store));
      const phone = repo.get(input.phone) ? input.phone : typed.ok ? typed.e164 : input.phone;
      const removed = repo.remove(phone, input.note?.trim() || null, clock.now());
      if (!removed)
        throw new CoreError('NOT_FOUND', `${input.phone} is not on the suppression list.`);
      changed();
      return { removed };
    },

    async preview(input: ParsedInput<'suppression.preview'>): Promise<AudiencePreview> {
      const m = await runSuppressionJob(
        task(input, 'preview'),
        deps.workerEntry ?? defaultSuppressionWorkerEntry(),
      ).done;
      if (m.type !== 'preview') throw failure(m);
      return m.result;
    },

    async import(input: ParsedInput<'suppression.import'>): Promise<SuppressionImportResult> {
      if (running)
        throw new CoreError('CONFLICT', 'An import onto the suppression list is already running.');
      const job = runSuppressionJob(
        task(input, 'import'),
        deps.workerEntry ?? defaultSuppressionWorkerEntry(),
      );
      running = job;
      try {
        const m = await job.done;
        if (m.type !== 'imported') throw failure(m);
        if (m.result.added > 0) changed();
        return m.result;
      } finally {
        running = null;
      }
    },

    cancelImport(): boolean {
      if (!running) return false;
      running.cancel();
      return true;
    },

    download(): Download {
      return suppressionDownload(store.sqlite, new Date(clock.now()).toISOString().slice(0, 10));
    },

    close(): void {
      running?.cancel();
    },
  };
}

export type SuppressionService = ReturnType<typeof createSuppressionService>;
