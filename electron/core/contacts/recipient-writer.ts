import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

export interface RecipientRow {
  rowNumber: number;
  phone: string;
  country: string | null;
  type: string | null;
  fieldsJson: string;
  suppressed: boolean;
}

/** Rows per INSERT: 100 × 9 parameters stays far below SQLite's 32,766-variable limit. */
export const ROWS_PER_INSERT = 100;

const COLUMNS =
  '(campaign_id, row_number, phone, country, phone_type, fields_json, state, skip_reason, import_batch)';
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Writes recipients a hundred rows per statement, inside the caller's transaction. One
 * statement per row spends more time crossing into SQLite than inserting (a million rows:
 * ~4.5 µs a row against ~3 µs in batches, tests/bench).
 *
 * Deduplication is still SQLite's: INSERT OR IGNORE on the campaign's unique phone, with the
 * VALUES rows inserted in order, so the first occurrence in the file wins as before. RETURNING
 * names the rows that went in (in no particular order), so every other row of the batch is a
 * duplicate, exactly as `changes === 0` said for one row at a time.
 */
export class RecipientWriter<Row extends RecipientRow = RecipientRow> {
  private readonly pending: Row[] = [];
  // At most two sizes are ever prepared: full batches, and the last, shorter one.
  private readonly statements = new Map<number, Statement<unknown[], number>>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly campaignId: number,
    private readonly onWritten: (row: Row, inserted: boolean) => void,
    /** The import batch the rows belong to (invisible until it is published); 0 writes them visible. */
    private readonly importBatch = 0,
  ) {}

  add(row: Row): void {
    this.pending.push(row);
    if (this.pending.length === ROWS_PER_INSERT) this.flush();
  }

  /** Writes what is pending; call once more after the last row. */
  flush(): void {
    const rows = this.pending;
    if (rows.length === 0) return;
    const params: unknown[] = [];
    for (const r of rows) {
      params.push(
        this.campaignId,
        r.rowNumber,
        r.phone,
        r.country,
        r.type,
        r.fieldsJson,
        r.suppressed ? 'skipped' : 'pending',
        r.suppressed ? 'suppressed' : null,
        this.importBatch,
      );
    }
    const inserted = new Set(this.statement(rows.length).all(params));
    for (const r of rows) this.onWritten(r, inserted.has(r.rowNumber));
    rows.length = 0;
  }

  private statement(rowCount: number): Statement<unknown[], number> {
    let stmt = this.statements.get(rowCount);
    if (!stmt) {
      const values = Array.from({ length: rowCount }, () => ROW_PLACEHOLDERS).join(', ');
      stmt = this.db
        .prepare<unknown[], number>(
          `INSERT OR IGNORE INTO recipients ${COLUMNS} VALUES ${values} RETURNING row_number`,
        )
        .pluck();
      this.statements.set(rowCount, stmt);
    }
    return stmt;
  }
}
