import { isUtf8 } from 'node:buffer';

/**
 * Text decoding before parsing: Excel writes "CSV" as Windows-1252, "CSV UTF-8" with a BOM,
 * and "Unicode Text" as UTF-16 LE with a BOM. Decoders here are streaming, so a character
 * split across two chunks is joined, never replaced by U+FFFD.
 */
import type { Encoding } from '../../../shared/api/audience';

export type { Encoding };

export interface Detected {
  encoding: Encoding;
  /** Bytes to skip at the start (the byte-order mark). */
  bomLength: number;
}

export class EncodingError extends Error {
  constructor(encoding: Encoding) {
    super(`The file is not valid ${encoding}.`);
    this.name = 'EncodingError';
  }
}

export function bomOf(sample: Uint8Array): Detected | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return undefined;
}

/** UTF-16 without a BOM still shows as a NUL in every other byte of ASCII text. */
function looksUtf16(sample: Uint8Array): Encoding | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Drops an incomplete UTF-8 sequence cut off at the end of a sample. */
function trimPartialUtf8(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return sample.subarray(0, end);
}

/**
 * Detects the encoding from the first bytes. A sample that is not valid UTF-8 means a
 * single-byte file (Windows-1252, what Excel calls "CSV"); the import re-checks the rest.
 */
export function detectEncoding(sample: Uint8Array, isWholeFile: boolean): Detected {
  const bom = bomOf(sample);
  if (bom) return bom;
  const utf16 = looksUtf16(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  const checked = isWholeFile ? sample : trimPartialUtf8(sample);
  return { encoding: isUtf8(checked) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node 20's TextDecoder('windows-1252')
// decodes those as C1 controls (Latin-1), so the table is applied here.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const C1 = /[\u0080-\u009f]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(C1, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80]!));
}

export interface StreamDecoder {
  /** Decodes the next chunk; bytes of a character cut at the end are held for the next call. */
  write: (chunk: Uint8Array) => string;
  end: () => string;
}

export function createDecoder(encoding: Encoding): StreamDecoder {
  if (encoding === 'windows-1252') return { write: decodeWindows1252, end: () => '' };
  // fatal: an invalid byte stops the import (and it is retried as Windows-1252) instead of
  // silently becoming U+FFFD. ignoreBOM: false strips a BOM the caller did not skip.
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  return {
    write: (chunk) => {
      try {
        return decoder.decode(chunk, { stream: true });
      } catch {
        throw new EncodingError(encoding);
      }
    },
    end: () => {
      try {
        return decoder.decode();
      } catch {
        throw new EncodingError(encoding);
      }
    },
  };
}
