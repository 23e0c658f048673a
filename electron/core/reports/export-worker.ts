import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/connection';
import { campaignIdRange } from '../status/queries';
import { createRowMapper, REPORT_ROW_SQL, type ReportRow } from './columns';
import { createCsvWriter } from './csv-writer';
import type { ExportMessage, ExportTask } from './jobs';
import { summaryFigures, summarySheet } from './summary';
import { createZoneFormatter } from './time-format';
import type { ReportWriter } from './writer';
import { createXlsxWriter } from './xlsx-writer';

/**
 * Writes one report off the main thread, on its own read-only connection, inside one read
 * transaction: the rows and the summary are one snapshot even while statuses keep arriving.
 * Rows are read in keyset pages by id, so memory holds one page whatever the campaign's size.
 */

const task = workerData as ExportTask;
let cancelled = false;
parentPort?.on('message', (m: { type?: string }) => {
  if (m.type === 'cancel') cancelled = true;
});

const post = (m: ExportMessage) => parentPort?.postMessage(m);

const PAGE = 2000;
const PROGRESS_EVERY_MS = 250;

class Cancelled extends Error {}

async function run(t: ExportTask, writer: ReportWriter): Promise<number> {
  const db = openSqlite(t.dbPath, {
    readonly: true,
    ...(t.nativeBinding ? { nativeBinding: t.nativeBinding } : {}),
  });
  try {
    db.exec('BEGIN');
    const figures = summaryFigures(db, t.campaign.id, (t.campaign.variants?.length ?? 0) > 1);
    const zone = createZoneFormatter(t.timeZone);
    const toCells = createRowMapper(t.columns, {
      zone,
      category: t.campaign.category,
      card: t.card,
      variants: t.campaign.variants ?? null,
      languages: t.campaign.languages ?? null,
    });
    await writer.header(t.columns.map((c) => c.label));

    const range = campaignIdRange(db, t.campaign.id);
    const states = t.states ?? [];
    // `+campaign_id` keeps SQLite on the rowid (= id) order, a range scan, instead of an index that
    // would sort each page; a state filter is checked on the rows as they pass.
    const stmt = db.prepare(
      `SELECT ${REPORT_ROW_SQL} FROM recipients WHERE +campaign_id = ? AND id > ? AND id <= ?` +
        (states.length ? ` AND state IN (${states.map(() => '?').join(', ')})` : '') +
        ' ORDER BY id LIMIT ?',
    );
    let after = range ? range.min - 1 : 0;
    let rows = 0;
    let lastProgress = 0;
    while (range) {
      if (cancelled) throw new Cancelled();
      const page = stmt.all(t.campaign.id, after, range.max, ...states, PAGE) as ReportRow[];
      const last = page.at(-1);
      if (!last) break;
      after = last.id;
      rows += page.length;
      await writer.rows(page.map(toCells));
      // A writer that is not waiting on the disk resolves in microtasks only: without a real turn of
      // the event loop the cancel message would never be delivered.
      await new Promise((r) => setImmediate(r));
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        post({ type: 'progress', rows, bytes: writer.bytes() });
      }
    }
    if (cancelled) throw new Cancelled();
    await writer.finish(
      summarySheet(
        figures,
        {
          campaign: t.campaign,
          card: t.card,
          filter: t.filter,
          exportedRows: rows,
          generatedAt: t.now,
        },
        zone,
      ),
    );
    db.exec('COMMIT');
    return rows;
  } finally {
    db.close();
  }
}

async function main() {
  let writer: ReportWriter | undefined;
  try {
    try {
      writer =
        task.format === 'csv' ? createCsvWriter(task.path) : await createXlsxWriter(task.path);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return post({ type: 'error', code: 'OUTPUT', message: err.message });
    }
    const rows = await run(task, writer);
    post({ type: 'done', rows, bytes: writer.bytes() });
  } catch (e) {
    await writer?.abort();
    rmSync(task.path, { force: true });
    if (e instanceof Cancelled) return post({ type: 'cancelled' });
    const err = e as NodeJS.ErrnoException;
    const output =
      err.code === 'ENOSPC' ||
      err.code === 'EACCES' ||
      err.code === 'EPERM' ||
      err.code === 'EIO' ||
      err.code === 'EROFS';
    post({
      type: 'error',
      code: output ? 'OUTPUT' : 'INTERNAL',
      message: err.message ?? String(e),
    });
  }
}

void main();
