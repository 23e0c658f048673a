import type { Database as SqliteDatabase } from 'better-sqlite3';
import { inChunks } from '../db/chunks';
import { writeTransaction } from '../db/tx';
import { marketingAnswer, recogniseExport } from '../contacts/presets';
import { fileMarketingWords } from './consent';
import { CustomerUpserter, importEvidence, type UpsertCounts } from './upsert';

/** Recipients read per transaction when a published import is copied into the book. */
const BOOK_CHUNK = 2000;

/**
 * After an audience import is published, its recipients go into the customer book (every import
 * fills the book), in short IMMEDIATE transactions of BOOK_CHUNK rows read by id from the batch's
 * first recipient. Only published rows are copied, so a cancelled import never reaches the book.
 * The phone column is left out of the attributes: the number is the book's key. A recognised
 * export's marketing answers (Shopify's "Accepts SMS Marketing") are recorded as a book import's.
 */
export function copyImportToBook(
  db: SqliteDatabase,
  opts: {
    importId: number;
    firstRecipientId: number;
    fileName: string;
    phoneColumn: string;
    /** The file's columns as the recipients' fields name them. */
    columns: readonly string[];
    now: number;
  },
): UpsertCounts {
  const found = recogniseExport(opts.columns);
  const answers = found?.marketingColumn ?? null;
  const upserter = new CustomerUpserter(
    db,
    importEvidence(opts.fileName, opts.now),
    opts.now,
    found ? fileMarketingWords(found.preset.label, opts.fileName, opts.now) : undefined,
  );
  const page = db.prepare(
    `SELECT id, phone, country, fields_json FROM recipients
     WHERE id >= ? AND import_batch = ? ORDER BY id LIMIT ${BOOK_CHUNK}`,
  );
  let from = opts.firstRecipientId;
  // Bounded: every round moves `from` past at least one row, or stops.
  inChunks(
    writeTransaction(db, () => {
      const rows = page.all(from, opts.importId) as {
        id: number;
        phone: string;
        country: string | null;
        fields_json: string;
      }[];
      for (const r of rows) {
        const fields = JSON.parse(r.fields_json) as Record<string, string>;
        delete fields[opts.phoneColumn];
        const marketing = answers === null ? undefined : marketingAnswer(fields[answers]);
        upserter.add({
          phone: r.phone,
          country: r.country,
          fields,
          ...(marketing ? { marketing } : {}),
        });
      }
      upserter.flush();
      const last = rows.at(-1);
      if (last) from = last.id + 1;
      return rows.length === BOOK_CHUNK;
    }),
  );
  return upserter.counts;
}
