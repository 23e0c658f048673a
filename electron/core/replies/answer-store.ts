import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { ReplyAnswer } from '../../../shared/api/replies';
import { toAnswer, type AnswerRow } from './thread';

export interface NewAnswer {
  phone: string;
  accountId: number;
  kind: 'text' | 'image' | 'document' | 'template';
  body: string | null;
  mediaPath: string | null;
  mediaFilename: string | null;
  templateName?: string | null;
  templateLanguage?: string | null;
}

export type AnswerResult =
  | { kind: 'sent'; wamid: string }
  | { kind: 'failed' | 'unknown'; code: number | null; title: string };

/** The order statuses move in; a late or repeated status never moves an answer back. */
const RANK = `CASE state WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'unknown' THEN 2 WHEN 'sent' THEN 3
  WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 WHEN 'failed' THEN 6 END`;
const RANK_OF: Readonly<Record<string, number>> = { sent: 3, delivered: 4, read: 5, failed: 6 };

/**
 * The business's answers, written as recipients are (sender/README.md): recorded `sending` and
 * committed before the request starts; the answer's result written by a guarded update (only a row
 * still `sending`); a row a crash left `sending` becomes `unknown`, never resent by itself.
 * Statuses from webhooks move them like recipients (sent → delivered → read, or failed).
 */
export function createAnswerStore(db: SqliteDatabase) {
  const insert = db.prepare(
    `INSERT INTO reply_answers (phone, account_id, kind, body, media_path, media_filename, template_name, template_language, state, created_at, sending_at)
     VALUES (@phone, @accountId, @kind, @body, @mediaPath, @mediaFilename, @templateName, @templateLanguage, 'sending', @now, @now)`,
  );
  const sent = db.prepare(
    "UPDATE reply_answers SET state = 'sent', wamid = ?, sent_at = ? WHERE id = ? AND state = 'sending'",
  );
  const notSent = db.prepare(
    "UPDATE reply_answers SET state = ?, error_code = ?, error_title = ? WHERE id = ? AND state = 'sending'",
  );
  const abandoned = db.prepare(
    "UPDATE reply_answers SET state = 'unknown', error_title = 'The app stopped while this answer was being sent: it may or may not have reached the customer.' WHERE state = 'sending'",
  );
  const status = db.prepare(
    `UPDATE reply_answers SET state = @status, status_ts = @at,
       error_code = COALESCE(@code, error_code), error_title = COALESCE(@title, error_title)
     WHERE wamid = @wamid AND (${RANK}) < @rank`,
  );
  const byId = db.prepare<[number]>(
    'SELECT id, phone, kind, body, media_filename, template_name, state, error_title, created_at FROM reply_answers WHERE id = ?',
  );

  return {
    /** Returns the new answer's id; the caller commits it before sending. */
    record: (a: NewAnswer, now: number): number =>
      Number(insert.run({ templateName: null, templateLanguage: null, ...a, now }).lastInsertRowid),
    finish(id: number, r: AnswerResult, now: number): void {
      if (r.kind === 'sent') sent.run(r.wamid, now, id);
      else notSent.run(r.kind, r.code, r.title, id);
    },
    recoverAbandoned: (): number => abandoned.run().changes,
    /** A status webhook for one of our answers; false when the wamid is not an answer's. */
    applyStatus(
      wamid: string,
      s: string,
      at: number,
      error: { code: number | null; title: string } | null,
    ): boolean {
      const rank = RANK_OF[s];
      if (rank === undefined) return false;
      return (
        status.run({
          wamid,
          status: s,
          at,
          rank,
          code: error?.code ?? null,
          title: error?.title ?? null,
        }).changes > 0
      );
    },
    get: (id: number): ReplyAnswer => toAnswer(byId.get(id) as AnswerRow),
  };
}
