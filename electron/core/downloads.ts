import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { DOWNLOAD_KINDS, type DownloadKind } from '../../shared/api';
import type { AudienceService } from './contacts/service';
import type { ReportService } from './reports/service';
import type { ReplyService } from './replies/service';
import type { SuppressionService } from './suppression/service';

/**
 * Files the core generates for the user to keep. The desktop shell writes them where the save
 * dialog says; the browser shell streams them as a download; the CLI writes to --out.
 */
export interface Download {
  fileName: string;
  write: (out: Writable) => Promise<void>;
}

export function isDownloadKind(kind: string): kind is DownloadKind {
  return (DOWNLOAD_KINDS as readonly string[]).includes(kind);
}

/** Throws CoreError NOT_FOUND before anything is written when the source does not exist. */
/** The suppression list is one file: any id names it (the shells' routes always carry one; the UI passes 1). */
export function openDownload(
  core: {
    audience: AudienceService;
    reports: ReportService;
    suppression: SuppressionService;
    replies: ReplyService;
  },
  kind: DownloadKind,
  id: number,
): Download {
  switch (kind) {
    case 'import-rejects':
      return core.audience.invalidRowsDownload(id);
    case 'report':
      return core.reports.download(id);
    case 'suppression':
      return core.suppression.download();
    case 'reply-media':
      return core.replies.views.download(id);
  }
}

/**
 * Writes a download to `path`: beside it under another name, renamed when complete, so a failure
 * never leaves half a file where the user (or the browser shell's stream) would take it whole.
 */
export async function saveDownload(download: Download, path: string): Promise<void> {
  const part = `${path}.part`;
  try {
    const out = createWriteStream(part);
    await download.write(out);
    out.end();
    await finished(out);
    renameSync(part, path);
  } finally {
    rmSync(part, { force: true });
  }
}
