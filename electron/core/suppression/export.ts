import type { Database as SqliteDatabase } from 'better-sqlite3';
import { suppressionSourceLabel } from '../../../shared/api';
import type { Download } from '../downloads';
import { csvText } from '../csv/write';

/**
 * The suppression list as a CSV for Excel: UTF-8 with a BOM, CRLF, every text cell escaped against
 * formula injection by the one CSV writer, as the delivery reports are (a customer's "words" are whatever they typed, so
 * "=HYPERLINK(…)" is a real threat here). The file imports back with `suppression import`: the phone
 * column is found by its name; phones in E.164 are written as they are (csv/formula-escape.ts).
 * Times are UTC ISO 8601, so the file means the same on every computer.
 */

export const EXPORT_HEADER = [
  'Phone',
  'Added (UTC)',
  'Source',
  'Reason',
  'Customer wrote',
  'Detail',
  'Campaign',
  'Message answered',
  'Customer message time (UTC)',
];

const line = (cells: readonly string[]): string => csvText([cells]);
const iso = (ms: number | null): string =>
  ms === null ? '' : `${new Date(ms).toISOString().slice(0, 19)}Z`;

interface Row {
  phone: string;
  created_at: number;
  source: string;
  reason: string;
  words: string | null;
  detail: string | null;
  campaign_id: number | null;
  campaign_name: string | null;
  wamid: string | null;
  event_at: number | null;
}

const PAGE = 5000;

export function suppressionDownload(db: SqliteDatabase, today: string): Download {
  const page = db.prepare<[number, number, string, number]>(
    `SELECT s.phone, s.created_at, s.source, s.reason, s.words, s.detail, s.campaign_id, c.name AS campaign_name, s.wamid, s.event_at
     FROM suppression s LEFT JOIN campaigns c ON c.id = s.campaign_id
     WHERE s.created_at > ? OR (s.created_at = ? AND s.phone > ?)
     ORDER BY s.created_at, s.phone LIMIT ?`,
  );
  return {
    fileName: `Opt-outs ${today}.csv`,
    async write(out) {
      const write = (chunk: string) =>
        new Promise<void>((resolve, reject) =>
          out.write(chunk, (e) => (e ? reject(e) : resolve())),
        );
      await write('\uFEFF' + line(EXPORT_HEADER));
      let at = -1;
      let key = '';
      // Each page is one short synchronous read; the write between pages waits for the disk or the network.
      for (;;) {
        const rows = page.all(at, at, key, PAGE) as Row[];
        const last = rows.at(-1);
        if (!last) break;
        at = last.created_at;
        key = last.phone;
        let chunk = '';
        for (const r of rows) {
          const campaign =
            r.campaign_id === null
              ? ''
              : (r.campaign_name ?? `Campaign ${r.campaign_id} (deleted)`);
          chunk += line([
            r.phone,
            iso(r.created_at),
            suppressionSourceLabel(r.source),
            r.reason,
            r.words ?? '',
            r.detail ?? '',
            campaign,
            r.wamid ?? '',
            iso(r.event_at),
          ]);
        }
        await write(chunk);
        if (rows.length < PAGE) break;
      }
    },
  };
}
