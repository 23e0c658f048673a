import { open } from 'node:fs/promises';

/**
 * What a file is, by its first bytes, never by its name alone (a customer's or the user's file may
 * be named anything). Meta's limits (cloud-api.md §7, verified): images JPEG/PNG ≤ 5 MB; documents
 * ≤ 100 MB.
 */
export const MB = 1024 * 1024;

const starts = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

export function sniffMime(head: Buffer, name = ''): string | null {
  if (starts(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(head, [0x52, 0x49, 0x46, 0x46]) && starts(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (starts(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts(head, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  if (starts(head, [0x4f, 0x67, 0x67, 0x53])) return 'audio/ogg';
  // Office files are zip archives: the name tells which one (the bytes cannot without unzipping).
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    const ext = name.toLowerCase().split('.').pop();
    if (ext === 'docx')
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (ext === 'pptx')
      return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    return 'application/zip';
  }
  return null;
}

/** The first bytes of a file, enough for sniffMime. */
export async function fileHead(path: string): Promise<{ head: Buffer; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(16, size));
    await fh.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await fh.close();
  }
}
