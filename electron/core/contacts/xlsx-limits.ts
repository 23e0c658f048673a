import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { ImportCancelled } from './csv-source';

/**
 * What an .xlsx may hold before exceljs reads it. exceljs keeps every shared string in memory
 * and inflates whatever the file claims; a small hostile file (12 MB inflating to ~300 M shared
 * strings) took the whole process down. So the parts exceljs reads are inflated here first, in
 * a stream, counting the bytes that really come out (the sizes a zip declares can lie), and the
 * file is refused at the first limit it passes, naming it. Excel's own limits are from
 * Microsoft's "Excel specifications and limits" page (1,048,576 rows; 32,767 characters a cell).
 */
export const XLSX_LIMITS = {
  /** Bytes inflated from one part; ~4× what a sheet of 1,000,000 rows × 8 short columns takes. */
  maxPartBytes: 1024 * 1024 * 1024,
  /** Inflated / compressed, past this once a part is over ratioFloorBytes. XML text reaches ~10–30×. */
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
  /**
   * Shared strings (distinct texts) a workbook may hold. exceljs keeps each in memory (~155 bytes
   * for a short one): 3,000,000 peaked at 631 MB, and 9,000,000 reached the worker's 768 MB cap
   * only after 12 minutes of garbage collection (tests/bench/hostile-files.ts). Past ~4.5 M the cap
   * would refuse the file anyway, so it is refused here at once, by its count.
   */
  maxSharedStrings: 4_000_000,
  /** Excel's own limits. */
  maxRows: 1_048_576,
  maxCellChars: 32_767,
} as const;

/** A workbook refused: damaged, or past a limit; the message is for the user. */
export class XlsxError extends Error {}

export type XlsxLimits = { [K in keyof typeof XLSX_LIMITS]: number };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The central directory: every part's name, method, compressed size and where its data is. */
async function entries(file: FileHandle, size: number): Promise<Entry[]> {
  const tailLength = Math.min(size, 65_557);
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw damaged('its table of contents is missing');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset + dirSize > size) throw damaged('its table of contents points outside it');
  const dir = await readAt(file, dirOffset, dirSize);
  const out: Entry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= dir.length; i++) {
    if (dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) break;
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    out.push({
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      localOffset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Counts in one part's XML, read chunk by chunk; tags split across chunks are counted once. */
class XmlCounter {
  bytes = 0;
  /** Occurrences of the tag (`<si` in shared strings, `<row` in a sheet). */
  tags = 0;
  /** The longest run of text between two tags: a bound on any one cell's text. */
  longestText = 0;
  private run = 0;
  private carry = '';

  constructor(private readonly tag: string) {}

  add(chunk: Buffer) {
    this.bytes += chunk.length;
    const text = this.carry + chunk.toString('latin1');
    let from = 0;
    for (;;) {
      const lt = text.indexOf('<', from);
      if (lt < 0) {
        this.run += text.length - from;
        break;
      }
      this.run += lt - from;
      if (this.run > this.longestText) this.longestText = this.run;
      this.run = 0;
      if (text.startsWith(this.tag, lt)) {
        const next = text.charCodeAt(lt + this.tag.length);
        // `<si>`/`<si ` but not `<sheetPr`; `<row ` but not `<rowBreaks`.
        if (next === 62 || next === 32) this.tags++;
      }
      from = lt + 1;
    }
    // A tag cut at the chunk's end is finished by the next chunk.
    this.carry = text.slice(Math.max(text.lastIndexOf('<'), text.length - this.tag.length - 1));
    this.run = Math.max(0, this.run - this.carry.length);
  }
}

/** The same words as exceljs' own failures (xlsx-source.ts): what happened, then what to do. */
function damaged(detail: string): XlsxError {
  return new XlsxError(
    `This Excel file could not be read (${detail}). Open it in Excel, save it again as .xlsx, and retry.`,
  );
}

function refuse(message: string): never {
  throw new XlsxError(`${message} Nothing was imported.`);
}

async function checkPart(
  file: FileHandle,
  entry: Entry,
  limits: XlsxLimits,
  isCancelled: () => boolean,
) {
  const shared = entry.name === 'xl/sharedStrings.xml';
  const counter = new XmlCounter(shared ? '<si' : '<row');
  const local = await readAt(file, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE)
    throw damaged('a part is not where its table of contents says');
  const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const compressed = Math.max(entry.compressedSize, 1);
  const check = () => {
    if (counter.bytes > limits.maxPartBytes)
      refuse(
        `This Excel file unpacks to more than ${limits.maxPartBytes / 1024 / 1024} MB of data in one part (${entry.name}), more than a real spreadsheet holds.`,
      );
    if (counter.bytes > limits.ratioFloorBytes && counter.bytes / compressed > limits.maxRatio)
      refuse(
        `This Excel file unpacks to more than ${limits.maxRatio} times its packed size (${entry.name}), which a real spreadsheet never does.`,
      );
    if (shared && counter.tags > limits.maxSharedStrings)
      refuse(
        `This Excel file holds more than ${limits.maxSharedStrings.toLocaleString('en')} distinct texts (shared strings), the most an import reads.`,
      );
    if (!shared && counter.tags > limits.maxRows)
      refuse(
        `This Excel sheet has more than ${limits.maxRows.toLocaleString('en')} rows, Excel's own maximum.`,
      );
    // Text in XML may be escaped (&amp; is five bytes for one character): allow for that.
    if (counter.longestText > limits.maxCellChars * 6)
      refuse(
        `This Excel file has a cell longer than ${limits.maxCellChars.toLocaleString('en')} characters, Excel's own maximum.`,
      );
  };
  if (entry.method === 0) {
    for (let at = 0; at < entry.compressedSize; at += 1 << 20) {
      counter.add(await readAt(file, dataStart + at, Math.min(1 << 20, entry.compressedSize - at)));
      check();
    }
    return;
  }
  if (entry.method !== 8)
    refuse(`This Excel file uses a compression Campaign Desk cannot read (${entry.name}).`);
  const inflate = createInflateRaw();
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      try {
        counter.add(chunk);
        check();
        if (isCancelled()) throw new ImportCancelled();
      } catch (e) {
        inflate.destroy();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    inflate.on('end', () => resolve());
    inflate.on('error', (e) => reject(damaged(e.message)));
  });
  const feed = async () => {
    for (let at = 0; at < entry.compressedSize && !inflate.destroyed; at += 1 << 16) {
      const chunk = await readAt(
        file,
        dataStart + at,
        Math.min(1 << 16, entry.compressedSize - at),
      );
      if (!inflate.write(chunk)) await new Promise((r) => inflate.once('drain', r));
    }
    if (!inflate.destroyed) inflate.end();
  };
  await Promise.all([done, feed()]);
}

/**
 * Refuses an .xlsx past a limit before exceljs reads it: the shared strings and every worksheet
 * are inflated once, in a stream, with bounded memory (a 64 KiB window at a time).
 */
export async function checkXlsxLimits(
  path: string,
  limits: XlsxLimits = XLSX_LIMITS,
  isCancelled: () => boolean = () => false,
): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const parts = (await entries(file, size)).filter(
      (e) => e.name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(e.name),
    );
    for (const part of parts) await checkPart(file, part, limits, isCancelled);
  } finally {
    await file.close();
  }
}
