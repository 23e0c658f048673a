import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CoreError,
  type AudiencePreview,
  type BookImportResult,
  type CustomerDetail,
  type ForgetResult,
  type ParsedInput,
} from '../../../shared/api';
import { normalizePhone } from '../../../shared/domain/phone';
import type { Clock } from '../clock';
import { createSegmentRepo } from './segments';
import type { WorkerMessage, WorkerTask } from '../contacts/jobs';
import { runJob, type RunningJob, type WorkerEntry } from '../contacts/runner';
import { resolveFileRef } from '../contacts/uploads';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { defaultCountry } from '../suppression/service';
import { forgetNumber } from './forget';
import { createCustomerRepo } from './repo';
import { saveByHand } from './save';

export interface CustomerDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  workerEntry: WorkerEntry;
  nativeBinding?: string;
}

type FileInput = ParsedInput<'customers.import'>;

function failure(m: WorkerMessage): CoreError {
  if (m.type === 'error')
    return m.code === 'INPUT'
      ? new CoreError('VALIDATION', m.message)
      : new CoreError('INTERNAL', `The import failed: ${m.message}`);
  if (m.type === 'cancelled')
    return new CoreError(
      'CONFLICT',
      'The import was cancelled; the customers read before the cancel are in the book.',
      { cancelled: true },
    );
  return new CoreError('INTERNAL', 'The import stopped unexpectedly.');
}

/** The customer book: pages, one customer, edits by hand, forget, and file imports in the worker. */
export function createCustomerService(deps: CustomerDeps) {
  const { store, clock, events } = deps;
  const repo = createCustomerRepo(store.sqlite);
  const segments = createSegmentRepo(store, () => clock.now());
  let running: RunningJob | null = null;
  const changed = () => events.emit('db.changed', { tables: ['customers'] });

  const toE164 = (raw: string, country: string | undefined): string => {
    const p = normalizePhone(raw, country ?? defaultCountry(store));
    if (!p.ok)
      throw new CoreError(
        'VALIDATION',
        `${p.reason} Write the number with its country code, e.g. +44 7911 123456.`,
      );
    return p.e164;
  };

  const detail = (e164: string): CustomerDetail => {
    const d = repo.detail(e164);
    if (!d) throw new CoreError('NOT_FOUND', `${e164} is not in the customer book.`);
    return d;
  };

  const task = (input: FileInput, kind: 'preview' | 'book'): WorkerTask => {
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
          ? defaultCountry(store)
          : input.options.defaultCountry,
    };
    if (kind === 'preview') return { kind, path, fileName, options };
    return {
      kind,
      path,
      fileName,
      options,
      dbPath: store.path,
      now: clock.now(),
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    };
  };

  return {
    list: (input: ParsedInput<'customers.list'>) =>
      repo.page(
        input.search.trim(),
        input.limit,
        input.afterId,
        input.segmentId === undefined ? undefined : segments.where(input.segmentId),
      ),

    show: (input: ParsedInput<'customers.show'>) =>
      detail(toE164(input.phone, input.defaultCountry)),

    save(input: ParsedInput<'customers.save'>): { customer: CustomerDetail; created: boolean } {
      const p = normalizePhone(input.phone, input.defaultCountry ?? defaultCountry(store));
      if (!p.ok)
        throw new CoreError(
          'VALIDATION',
          `${p.reason} Write the number with its country code, e.g. +44 7911 123456.`,
        );
      if (input.create && repo.detail(p.e164))
        throw new CoreError(
          'CONFLICT',
          `${p.e164} is already in the customer book. Open it from the list to change it.`,
        );
      const created = store.tx(() =>
        saveByHand(
          store.sqlite,
          { e164: p.e164, country: p.country },
          {
            attributes: input.attributes,
            ...(input.labels ? { labels: input.labels } : {}),
            ...(input.marketing ? { marketing: input.marketing } : {}),
          },
          clock.now(),
        ),
      );
      changed();
      return { customer: detail(p.e164), created };
    },

    delete(input: ParsedInput<'customers.delete'>): { deleted: boolean } {
      const e164 = toE164(input.phone, input.defaultCountry);
      const deleted = store.tx(
        () => store.sqlite.prepare('DELETE FROM customers WHERE phone = ?').run(e164).changes > 0,
      );
      if (deleted) changed();
      return { deleted };
    },

    forget(input: ParsedInput<'customers.forget'>): ForgetResult {
      const result = forgetNumber(
        store.sqlite,
        toE164(input.phone, input.defaultCountry),
        clock.now(),
        input.compact,
        (relative) => rmSync(join(deps.dataDir, relative), { force: true }),
      );
      if (result.forgotten)
        events.emit('db.changed', {
          tables: ['customers', 'recipients', 'status_events', 'suppression', 'replies'],
        });
      return result;
    },

    async preview(input: FileInput): Promise<AudiencePreview> {
      const m = await runJob(task(input, 'preview'), deps.workerEntry, () => undefined).done;
      if (m.type !== 'preview') throw failure(m);
      return m.result;
    },

    async import(input: FileInput): Promise<BookImportResult> {
      if (running)
        throw new CoreError('CONFLICT', 'An import into the customer book is already running.');
      const job = runJob(task(input, 'book'), deps.workerEntry, () => undefined);
      running = job;
      try {
        const m = await job.done;
        changed();
        if (m.type !== 'booked') throw failure(m);
        return m.result;
      } finally {
        running = null;
      }
    },

    close(): void {
      running?.cancel();
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
