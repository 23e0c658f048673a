import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CoreError,
  OUTCOME_LABELS,
  type AudienceFill,
  type FollowUpPlan,
  type Outcome,
  type Segment,
} from '../../../shared/api';
import { canRetryFailure } from '../../../shared/domain/errors';
import { batchOwner, insertBatch } from '../contacts/batch/import-batch';
import { inChunks } from '../db/chunks';
import { writeTransaction } from '../db/tx';
import { outcomeSql, segmentWhere } from './segment-sql';
import { startedAtOf } from './segments';

/** Customers (or source recipients) read per write transaction. */
const FILL_CHUNK = 5000;
const OPTED_OUT = 'on the suppression list';

interface Staged {
  importId: number;
  rowNumber: number;
  columns: Set<string>;
  leftOut: Map<string, number>;
  written: number;
}

/**
 * Opens a staged batch on an empty draft, as an import does (migration 100): its recipients stay
 * invisible, and the draft cannot start, until publish() makes them visible in one short step.
 */
function open(db: SqliteDatabase, campaignId: number, label: string, now: number): Staged {
  return writeTransaction(db, () => {
    const c = db.prepare('SELECT state FROM campaigns WHERE id = ?').get(campaignId) as
      { state: string } | undefined;
    if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    if (c.state !== 'draft')
      throw new CoreError('CONFLICT', 'Recipients can only be added to a draft campaign.');
    if (db.prepare('SELECT 1 FROM recipients WHERE campaign_id = ? LIMIT 1').get(campaignId))
      throw new CoreError(
        'CONFLICT',
        'This draft already has recipients: start a new campaign from the segment.',
      );
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (campaign_id, file_name, file_size, format, has_header, phone_column, summary_json, created_at)
           VALUES (?, ?, 0, 'csv', 1, 'phone', '{}', ?)`,
        )
        .run(campaignId, label, now).lastInsertRowid,
    );
    insertBatch(db, importId, campaignId, batchOwner(), Date.now());
    return { importId, rowNumber: 1, columns: new Set<string>(), leftOut: new Map(), written: 0 };
  })();
}

function publish(
  db: SqliteDatabase,
  campaignId: number,
  s: Staged,
  source: {
    kind: 'segment' | 'follow-up';
    segmentId: number | null;
    sourceCampaignId: number | null;
    outcome: string | null;
    definition: unknown;
  },
  now: number,
): AudienceFill {
  const leftOut = [...s.leftOut].map(([reason, count]) => ({ reason, count }));
  writeTransaction(db, () => {
    db.prepare('UPDATE imports SET summary_json = ? WHERE id = ?').run(
      JSON.stringify({ rows: s.written, imported: s.written, leftOut, source: source.kind }),
      s.importId,
    );
    db.prepare('UPDATE campaigns SET columns_json = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify([...s.columns]),
      now,
      campaignId,
    );
    db.prepare(
      `INSERT INTO campaign_audience_sources (campaign_id, kind, segment_id, source_campaign_id, outcome, definition_json, members, left_out_json, evaluated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      campaignId,
      source.kind,
      source.segmentId,
      source.sourceCampaignId,
      source.outcome,
      JSON.stringify(source.definition),
      s.written,
      JSON.stringify(leftOut),
      now,
    );
    db.prepare('DELETE FROM import_batches WHERE id = ?').run(s.importId);
  })();
  return { campaignId, recipients: s.written, leftOut };
}

function discard(db: SqliteDatabase, s: Staged) {
  writeTransaction(db, () => {
    db.prepare('DELETE FROM recipients WHERE import_batch = ?').run(s.importId);
    db.prepare('DELETE FROM import_batches WHERE id = ?').run(s.importId);
    db.prepare('DELETE FROM imports WHERE id = ?').run(s.importId);
  })();
}

const insertSql = `INSERT OR IGNORE INTO recipients (campaign_id, row_number, phone, country, fields_json, state, skip_reason, import_batch)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * A draft's audience from a segment, evaluated now over the whole book in chunks of customers by
 * id (each chunk one short IMMEDIATE transaction). Opted-out customers are written as skipped, as
 * an import does, so the draft shows them; the recipients are exactly who was in the segment.
 */
export function fillFromSegment(
  db: SqliteDatabase,
  campaignId: number,
  segment: Segment,
  now: number,
): AudienceFill {
  const s = open(db, campaignId, `Segment "${segment.name}"`, now);
  try {
    const where = segmentWhere(segment, now, startedAtOf(db));
    const page = db.prepare(
      `SELECT c.id, c.phone, c.country, c.attributes_json,
         EXISTS (SELECT 1 FROM suppression x WHERE x.phone = c.phone) AS out
       FROM customers c WHERE c.id > ? AND ${where.sql} ORDER BY c.id LIMIT ${FILL_CHUNK}`,
    );
    const insert = db.prepare(insertSql);
    let after = 0;
    // Bounded: every round moves `after` past at least one customer, or stops.
    inChunks(
      writeTransaction(db, () => {
        const rows = page.all(after, ...where.params) as {
          id: number;
          phone: string;
          country: string | null;
          attributes_json: string;
          out: number;
        }[];
        for (const r of rows) {
          for (const k of Object.keys(JSON.parse(r.attributes_json) as object)) s.columns.add(k);
          insert.run(
            campaignId,
            ++s.rowNumber,
            r.phone,
            r.country,
            r.attributes_json,
            r.out ? 'skipped' : 'pending',
            r.out ? 'suppressed' : null,
            s.importId,
          );
          s.written++;
          if (r.out) s.leftOut.set(OPTED_OUT, (s.leftOut.get(OPTED_OUT) ?? 0) + 1);
        }
        const last = rows.at(-1);
        if (last) after = last.id;
        return rows.length === FILL_CHUNK;
      }),
    );
    return publish(
      db,
      campaignId,
      s,
      {
        kind: 'segment',
        segmentId: segment.id,
        sourceCampaignId: null,
        outcome: null,
        definition: { name: segment.name, filter: segment.filter, history: segment.history },
      },
      now,
    );
  } catch (e) {
    discard(db, s);
    throw e;
  }
}

interface SourceRow {
  id: number;
  phone: string;
  country: string | null;
  fields_json: string;
  state: string;
  error_code: number | null;
  error_title: string | null;
  wamid: string | null;
  failed_at: number | null;
  out: number;
}

/**
 * Why a recipient of the source campaign may not be in the follow-up: opted out, or a failure
 * Meta's rules say not to send again (permanent ones, 131049 within its 24 h): the same
 * decision as "Retry failed" (shared/domain/errors/retry-failed.ts). Null when they may.
 */
function leftOutReason(r: SourceRow, now: number, category: string | undefined): string | null {
  if (r.out) return OPTED_OUT;
  if (r.state !== 'failed') return null;
  const d = canRetryFailure({
    code: r.error_code ?? undefined,
    accepted: r.wamid !== null,
    words: r.error_title,
    failedAt: r.failed_at ?? now,
    now,
    phone: r.phone,
    ...(r.country ? { recipientCountry: r.country } : {}),
    ...(category ? { templateCategory: category } : {}),
  });
  if (!d.retry) return d.reason;
  return d.ready ? null : 'WhatsApp asks to wait before messaging them again';
}

type FollowUpInput = {
  sourceCampaignId: number;
  outcome: Outcome;
  errorCode?: number;
};

/**
 * The source campaign's recipients with `outcome`, a page at a time, each with the reason it is
 * left out (null: it goes in): one scan for the count before the draft and for the fill itself.
 */
function followUpScan(db: SqliteDatabase, input: FollowUpInput, now: number) {
  const src = db
    .prepare(
      'SELECT c.state, c.started_at, t.category FROM campaigns c LEFT JOIN templates t ON t.id = c.template_id WHERE c.id = ?',
    )
    .get(input.sourceCampaignId) as
    { state: string; started_at: number | null; category: string | null } | undefined;
  if (!src) throw new CoreError('NOT_FOUND', `Campaign ${input.sourceCampaignId} does not exist.`);
  if (src.state === 'draft')
    throw new CoreError('CONFLICT', 'That campaign has not been sent yet: nothing to follow up.');
  const o = outcomeSql(input.outcome, input.errorCode, src.started_at ?? 0);
  const page = db.prepare(
    `SELECT r.id, r.phone, r.country, r.fields_json, r.state, r.error_code, r.error_title, r.wamid, r.failed_at,
       EXISTS (SELECT 1 FROM suppression x WHERE x.phone = r.phone) AS out
     FROM recipients r WHERE r.campaign_id = ? AND r.id > ? AND ${o.sql} ORDER BY r.id LIMIT ${FILL_CHUNK}`,
  );
  return {
    page: (after: number) => page.all(input.sourceCampaignId, after, ...o.params) as SourceRow[],
    leftOutReason: (r: SourceRow) => leftOutReason(r, now, src.category ?? undefined),
  };
}

function nobodyToFollowUp(input: FollowUpInput, leftOut: Map<string, number>): CoreError {
  return new CoreError(
    'CONFLICT',
    `Nobody to follow up: ${
      leftOut.size === 0
        ? `nobody in that campaign matches “${OUTCOME_LABELS[input.outcome]}”`
        : [...leftOut].map(([r, n]) => `${n} ${r}`).join('; ')
    }.`,
  );
}

/** Who fillFollowUp would write and leave out, counted without writing (reads a page at a time). */
export function planFollowUp(db: SqliteDatabase, input: FollowUpInput, now: number): FollowUpPlan {
  const scan = followUpScan(db, input, now);
  const leftOut = new Map<string, number>();
  let recipients = 0;
  for (let after = 0; ;) {
    const rows = scan.page(after);
    for (const r of rows) {
      const why = scan.leftOutReason(r);
      if (why === null) recipients++;
      else leftOut.set(why, (leftOut.get(why) ?? 0) + 1);
    }
    const last = rows.at(-1);
    if (!last || rows.length < FILL_CHUNK) break;
    after = last.id;
  }
  return { recipients, leftOut: [...leftOut].map(([reason, count]) => ({ reason, count })) };
}

/** A draft's audience: who had `outcome` in the source campaign, minus opt-outs and Meta's rules. */
export function fillFollowUp(
  db: SqliteDatabase,
  input: { campaignId: number } & FollowUpInput,
  now: number,
): AudienceFill {
  const scan = followUpScan(db, input, now);
  const s = open(db, input.campaignId, `Follow-up of campaign ${input.sourceCampaignId}`, now);
  try {
    const insert = db.prepare(insertSql);
    let after = 0;
    inChunks(
      writeTransaction(db, () => {
        const rows = scan.page(after);
        for (const r of rows) {
          const why = scan.leftOutReason(r);
          if (why !== null) {
            s.leftOut.set(why, (s.leftOut.get(why) ?? 0) + 1);
            continue;
          }
          for (const k of Object.keys(JSON.parse(r.fields_json) as object)) s.columns.add(k);
          insert.run(
            input.campaignId,
            ++s.rowNumber,
            r.phone,
            r.country,
            r.fields_json,
            'pending',
            null,
            s.importId,
          );
          s.written++;
        }
        const last = rows.at(-1);
        if (last) after = last.id;
        return rows.length === FILL_CHUNK;
      }),
    );
    if (s.written === 0) throw nobodyToFollowUp(input, s.leftOut);
    return publish(
      db,
      input.campaignId,
      s,
      {
        kind: 'follow-up',
        segmentId: null,
        sourceCampaignId: input.sourceCampaignId,
        outcome: input.errorCode ? `${input.outcome}:${input.errorCode}` : input.outcome,
        definition: input,
      },
      now,
    );
  } catch (e) {
    discard(db, s);
    throw e;
  }
}
