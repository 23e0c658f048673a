import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import type { Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Cell } from './columns';
import type { ReportWriter } from './writer';

// exceljs' streaming writer pushes into its zip without backpressure; past this much data waiting to
// be compressed or written, the loop waits for the zip and the disk to catch up, which bounds memory.
const MAX_PENDING_BYTES = 8 << 20;

/**
 * An .xlsx written as a stream (exceljs WorkbookWriter): each row is serialised and dropped as soon as
 * it is committed; inline strings, no shared-string table, no styles, which keeps a million rows in
 * constant memory. Sheet 1 holds the recipients, sheet 2 the summary.
 */
/** archiver pipes through readable-stream's PassThrough, which has no writableLength getter. */
interface Buffered {
  _writableState?: { length: number };
  _readableState?: { length: number };
}
const buffered = (s: unknown): number => {
  const b = s as Buffered;
  return (b._writableState?.length ?? 0) + (b._readableState?.length ?? 0);
};

export async function createXlsxWriter(path: string): Promise<ReportWriter> {
  const fd = openSync(path, 'wx');
  let out: WriteStream;
  try {
    out = createWriteStream(path, { fd });
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  // An object, not a variable: TypeScript cannot see the listener assign it and would narrow it to null.
  const state: { failure: Error | null } = { failure: null };
  out.on('error', (e) => (state.failure = e));
  const { default: Excel } = await import('exceljs');
  const book = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
    // Level 1 is several times faster than the default and the file only a little larger.
    zip: { zlib: { level: 1 } },
  });
  book.creator = 'Campaign Desk';
  const sheet = book.addWorksheet('Recipients', { views: [{ state: 'frozen', ySplit: 1 }] });
  const zip = (book as unknown as { zip: Transform }).zip;
  const sheetStream = (sheet as unknown as { stream: { pipes?: Buffered[]; buffers?: unknown[] } })
    .stream;

  const add = (ws: ExcelJS.Worksheet, cells: readonly Cell[]) => {
    ws.addRow([...cells]).commit();
  };

  // What sits in memory between the sheet and the disk: the sheet's own buffers, the PassThrough
  // archiver pipes it into, the zip, and the file stream.
  const pending = () =>
    (sheetStream.buffers?.length ?? 0) * 65_536 +
    (sheetStream.pipes ?? []).reduce((n, p) => n + buffered(p), 0) +
    buffered(zip) +
    buffered(out);

  const check = () => {
    if (state.failure) throw state.failure;
  };
  const waitForZip = async () => {
    check();
    while (pending() > MAX_PENDING_BYTES) {
      await new Promise((r) => setTimeout(r, 2));
      check();
    }
  };

  return {
    async header(labels) {
      sheet.columns = labels.map((l) => ({ width: Math.min(40, Math.max(12, l.length + 2)) }));
      add(sheet, labels);
      await waitForZip();
    },
    async rows(rows) {
      for (const r of rows) add(sheet, r);
      await waitForZip();
    },
    async finish(summary) {
      sheet.commit();
      const sum = book.addWorksheet('Summary');
      sum.columns = [{ width: 36 }, { width: 24 }, { width: 22 }, { width: 16 }, { width: 40 }];
      for (const r of summary) add(sum, r);
      sum.commit();
      await book.commit();
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      if (state.failure) throw state.failure;
    },
    async abort() {
      zip.unpipe(out);
      zip.destroy();
      await new Promise<void>((resolve) => (out.closed ? resolve() : out.end(() => resolve())));
    },
    bytes: () => out.bytesWritten,
  };
}
