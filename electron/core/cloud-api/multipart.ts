import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface MultipartField {
  name: string;
  value: string;
}

export interface MultipartFile {
  name: string;
  fileName: string;
  contentType: string;
  path: string;
  /** From stat(): the body length is announced up front, and a file that changes meanwhile is an error. */
  size: number;
}

export interface MultipartBody {
  contentType: string;
  length: number;
  stream: Readable;
}

const CRLF = '\r\n';

// WHATWG's multipart/form-data rule: only these three characters are escaped in names and file names.
const quoteName = (name: string): string =>
  name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * A multipart/form-data body whose file part streams from disk, so a 100 MB video is never held in
 * memory. The file is opened only when the body is read: a request that fails before sending leaks
 * no file handle.
 */
export const multipartBody = (
  fields: readonly MultipartField[],
  file: MultipartFile,
  boundary: string,
): MultipartBody => {
  const head = Buffer.from(
    fields
      .map(
        (f) =>
          `--${boundary}${CRLF}Content-Disposition: form-data; name="${quoteName(f.name)}"${CRLF}${CRLF}${f.value}${CRLF}`,
      )
      .join('') +
      `--${boundary}${CRLF}` +
      `Content-Disposition: form-data; name="${quoteName(file.name)}"; filename="${quoteName(file.fileName)}"${CRLF}` +
      `Content-Type: ${file.contentType}${CRLF}${CRLF}`,
    'utf8',
  );
  const tail = Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'utf8');

  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    let sent = 0;
    if (file.size > 0) {
      // `end` caps the read at the announced size; a file that grew would otherwise overrun Content-Length.
      for await (const chunk of createReadStream(file.path, { start: 0, end: file.size - 1 })) {
        const buffer = chunk as Buffer;
        sent += buffer.length;
        yield buffer;
      }
    }
    if (sent !== file.size)
      throw new Error(
        `the file changed while it was being uploaded (${sent} of ${file.size} bytes)`,
      );
    yield tail;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + file.size + tail.length,
    stream: Readable.from(parts(), { objectMode: false }),
  };
};
