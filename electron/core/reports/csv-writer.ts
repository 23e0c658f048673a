import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { csvText } from '../csv/write';
import type { ReportWriter } from './writer';

/**
 * RFC 4180 CSV through the one CSV writer (csv/write.ts: every cell formula-escaped, the header
 * too), UTF-8 with a BOM (without it Excel reads UTF-8 as the local ANSI code page and
 * breaks every accent), CRLF line ends. Each write waits for the disk when the stream's buffer is
 * full, so memory stays flat however many rows there are.
 */
export function createCsvWriter(path: string): ReportWriter {
  // Opened synchronously so a path that cannot be written fails here, with its errno, not later.
  const fd = openSync(path, 'wx');
  let out: WriteStream;
  try {
    out = createWriteStream(path, { fd, highWaterMark: 1 << 20 });
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  // An object, not a variable: TypeScript cannot see the listener assign it and would narrow it to null.
  const state: { failure: Error | null } = { failure: null };
  out.on('error', (e) => (state.failure = e));

  const write = async (text: string) => {
    if (state.failure) throw state.failure;
    if (!out.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          out.off('error', onError);
          resolve();
        };
        const onError = (e: Error) => {
          out.off('drain', onDrain);
          reject(e);
        };
        out.once('drain', onDrain);
        out.once('error', onError);
      });
    }
  };

  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (out.closed) return resolve();
      out.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });

  return {
    header: (labels) => write('\uFEFF' + csvText([labels])),
    rows: (rows) => write(csvText(rows)),
    async finish() {
      await close();
      if (state.failure) throw state.failure;
    },
    async abort() {
      await close().catch(() => undefined);
    },
    bytes: () => out.bytesWritten + out.writableLength,
  };
}
