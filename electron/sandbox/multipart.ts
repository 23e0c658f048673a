/**
 * Just enough multipart/form-data for media uploads: small text fields are kept, file parts are only
 * counted (plus their first bytes, to check the file really is what its type says), so a 100 MB
 * upload never sits in memory.
 */

export interface MultipartFile {
  field: string;
  filename: string;
  contentType?: string;
  size: number;
  /** The first bytes, for magic-number checks. */
  head: Buffer;
}

export interface MultipartResult {
  fields: Map<string, string>;
  files: MultipartFile[];
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

const HEAD_BYTES = 16;
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

type ParserState = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  chunks: Buffer[];
  size: number;
  head: Buffer;
}

function parsePartHeaders(raw: string): Part {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(value)?.[1];
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      contentType = value;
    }
  }
  if (name === undefined) throw new MultipartError('A form part has no name.');
  return {
    name,
    ...(filename !== undefined && { filename }),
    ...(contentType !== undefined && { contentType }),
    chunks: [],
    size: 0,
    head: Buffer.alloc(0),
  };
}

export async function parseMultipart(
  source: AsyncIterable<Buffer | string>,
  boundary: string,
): Promise<MultipartResult> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const result: MultipartResult = { fields: new Map(), files: [] };
  // The first boundary has no CRLF before it; pretending it does lets one delimiter match them all.
  let buf: Buffer = Buffer.from('\r\n');
  let state = 'preamble' as ParserState;
  let part: Part | undefined;

  const take = (bytes: Buffer): void => {
    if (!part || bytes.length === 0) return;
    part.size += bytes.length;
    if (part.head.length < HEAD_BYTES)
      part.head = Buffer.concat([part.head, bytes.subarray(0, HEAD_BYTES - part.head.length)]);
    if (part.filename === undefined) {
      if (part.size > MAX_FIELD_BYTES)
        throw new MultipartError(`The form field "${part.name}" is too large.`);
      part.chunks.push(Buffer.from(bytes));
    }
  };

  const finish = (): void => {
    if (!part) return;
    if (part.filename === undefined) {
      result.fields.set(part.name, Buffer.concat(part.chunks).toString('utf8'));
    } else {
      result.files.push({
        field: part.name,
        filename: part.filename,
        ...(part.contentType !== undefined && { contentType: part.contentType }),
        size: part.size,
        head: part.head,
      });
    }
    part = undefined;
  };

  // Keeps what might be the start of a delimiter; a copy, so the big chunk it came from can be freed.
  const keepTail = (from: number): Buffer => Buffer.from(buf.subarray(from));

  const step = (): boolean => {
    switch (state) {
      case 'preamble': {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          buf = keepTail(Math.max(0, buf.length - delimiter.length + 1));
          return false;
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'afterDelimiter';
        return true;
      }
      case 'afterDelimiter': {
        if (buf.length < 2) return false;
        const two = buf.subarray(0, 2).toString('latin1');
        if (two === '--') {
          state = 'done';
          return false;
        }
        if (two !== '\r\n') throw new MultipartError('Malformed multipart boundary.');
        buf = buf.subarray(2);
        state = 'headers';
        return true;
      }
      case 'headers': {
        const at = buf.indexOf(HEADER_END);
        if (at < 0) {
          if (buf.length > MAX_HEADER_BYTES)
            throw new MultipartError('A form part has too large headers.');
          return false;
        }
        part = parsePartHeaders(buf.subarray(0, at).toString('utf8'));
        buf = buf.subarray(at + HEADER_END.length);
        state = 'body';
        return true;
      }
      case 'body': {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const safe = buf.length - delimiter.length + 1;
          if (safe > 0) {
            take(buf.subarray(0, safe));
            buf = keepTail(safe);
          }
          return false;
        }
        take(buf.subarray(0, at));
        finish();
        buf = buf.subarray(at + delimiter.length);
        state = 'afterDelimiter';
        return true;
      }
      case 'done':
        return false;
    }
  };

  for await (const chunk of source) {
    // After the closing boundary the rest is epilogue: keep reading so the client can finish sending.
    if (state === 'done') continue;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    buf = buf.length === 0 ? bytes : Buffer.concat([buf, bytes]);
    while (step());
  }
  if (state !== 'done')
    throw new MultipartError('The multipart body ended before its closing boundary.');
  return result;
}
