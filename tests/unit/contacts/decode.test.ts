import { describe, expect, it } from 'vitest';
import {
  createDecoder,
  decodeWindows1252,
  detectEncoding,
  EncodingError,
} from '../../../electron/core/contacts/decode';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('encoding detection', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), false)).toEqual({
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0), false)).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61), false)).toEqual({
      encoding: 'utf-16be',
      bomLength: 2,
    });
  });

  it('recognises UTF-16 without a BOM by its NUL bytes', () => {
    expect(
      detectEncoding(Buffer.from('name,phone\nAna,+34612345678\n', 'utf16le'), true).encoding,
    ).toBe('utf-16le');
    const be = Buffer.from('name,phone\nAna,+34612345678\n', 'utf16le').swap16();
    expect(detectEncoding(be, true).encoding).toBe('utf-16be');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    expect(detectEncoding(Buffer.from('Renée;München', 'latin1'), true).encoding).toBe(
      'windows-1252',
    );
    expect(detectEncoding(Buffer.from('Renée;München', 'utf8'), true).encoding).toBe('utf-8');
  });

  it('does not mistake a multi-byte character cut at the end of the sample for invalid UTF-8', () => {
    const sample = Buffer.from('abc€', 'utf8').subarray(0, 5); // € is 3 bytes; keep 2 of them
    expect(detectEncoding(sample, false).encoding).toBe('utf-8');
    expect(detectEncoding(sample, true).encoding).toBe('windows-1252');
  });
});

describe('streaming decoders', () => {
  it('join a UTF-8 character split across chunks instead of producing U+FFFD', () => {
    const text = 'é€😀 مرحبا';
    const all = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < all.length; cut++) {
      const d = createDecoder('utf-8');
      const out = d.write(all.subarray(0, cut)) + d.write(all.subarray(cut)) + d.end();
      expect(out, `cut at ${cut}`).toBe(text);
    }
  });

  it('join a UTF-16 surrogate pair split across chunks', () => {
    const text = 'a😀b';
    const all = Buffer.from(text, 'utf16le');
    for (let cut = 1; cut < all.length; cut++) {
      const d = createDecoder('utf-16le');
      expect(d.write(all.subarray(0, cut)) + d.write(all.subarray(cut)) + d.end()).toBe(text);
    }
  });

  it('throw on invalid UTF-8 rather than silently replacing it', () => {
    const d = createDecoder('utf-8');
    expect(() => d.write(bytes(0x61, 0xff, 0x62))).toThrow(EncodingError);
  });

  it('map Windows-1252 0x80–0x9F to the right characters', () => {
    expect(decodeWindows1252(bytes(0x80, 0x93, 0x94, 0x96, 0x9f, 0xe9))).toBe('€“”–Ÿé');
  });
});
