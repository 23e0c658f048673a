import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { InboundObservation } from '../../../shared/domain/status';

/** What a stored reply answers: the recipient row of one of our sends. */
interface Answered {
  recipientId: number;
  campaignId: number;
  variant: string | null;
  phone: string;
}

/** What a reply shows as its words: typed text, a caption, the tapped button's label, an emoji. */
function bodyOf(o: InboundObservation): string | null {
  if (o.text !== null) return o.text;
  if (o.button) return o.button.text ?? o.button.payload;
  if (o.media) return o.media.caption;
  if (o.reaction) return o.reaction.emoji;
  return null;
}

/**
 * Keeps every inbound message as a reply (issue 19), inside the reconciler's transaction, after the
 * reconciler refused repeats; INSERT OR IGNORE on Meta's message id guards a replay reaching here
 * by another path. A reply is linked to the campaign it answers: the quoted message (context.id is
 * one of our wamids) or else the latest campaign that messaged the number. A quick-reply tap that a
 * campaign has a rule for labels the customer.
 */
export function createReplyRecorder(db: SqliteDatabase, now: () => number) {
  const byWamid = db.prepare<[string]>(
    'SELECT id AS recipientId, campaign_id AS campaignId, variant, phone FROM recipients WHERE wamid = ?',
  );
  // recipients_phone_sent index: the newest send to the number.
  const latestTo = db.prepare<[string]>(
    `SELECT id AS recipientId, campaign_id AS campaignId, variant, phone FROM recipients
     WHERE phone = ? AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT 1`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO replies (message_id, phone, wa_id, user_id, account_id, type, body, button_payload,
       media_id, media_mime, media_sha256, media_filename, reacted_to, context_id, campaign_id, recipient_id,
       variant, matched_by, meta_ts, received_at)
     VALUES (@messageId, @phone, @waId, @userId, @accountId, @type, @body, @payload, @mediaId, @mime, @sha256,
       @filename, @reactedTo, @contextId, @campaignId, @recipientId, @variant, @matchedBy, @at, @receivedAt)`,
  );
  const ruleFor = db
    .prepare<[number, string, string]>(
      'SELECT label FROM reply_rules WHERE campaign_id = ? AND (button = ? OR button = ?) LIMIT 1',
    )
    .pluck();
  const setLabel = db.prepare(
    `INSERT INTO customer_labels (phone, label, set_at, source, campaign_id) VALUES (?, ?, ?, 'button-rule', ?)
     ON CONFLICT(phone, label) DO NOTHING`,
  );
  const accountOfNumber = db
    .prepare<[string]>('SELECT id FROM accounts WHERE phone_number_id = ? ORDER BY id LIMIT 1')
    .pluck();
  // A username-era reply (no phone) is attached once a later webhook teaches the number.
  const adopt = db.prepare<[string, string]>(
    'UPDATE replies SET phone = ? WHERE phone IS NULL AND user_id = ?',
  );

  const answered = (o: InboundObservation, phones: readonly string[]) => {
    const quoted = o.contextId ? (byWamid.get(o.contextId) as Answered | undefined) : undefined;
    if (quoted) return { row: quoted, matchedBy: 'context' as const };
    let newest: Answered | undefined;
    for (const p of phones) {
      const r = latestTo.get(p) as Answered | undefined;
      if (r && (!newest || r.recipientId > newest.recipientId)) newest = r;
    }
    return newest ? { row: newest, matchedBy: 'latest' as const } : null;
  };

  return {
    /** `phones`: the numbers the reconciler's effects found for the sender (stored E.164 first). */
    record(
      o: InboundObservation,
      accountId: number | null,
      phones: readonly string[],
      receivedAt: number,
    ): { stored: boolean; labelled: string | null } {
      const match = answered(o, phones);
      const phone = match?.row.phone ?? (o.waId ? `+${o.waId}` : (phones[0] ?? null));
      const account =
        (o.phoneNumberId
          ? (accountOfNumber.get(o.phoneNumberId) as number | undefined)
          : undefined) ?? accountId;
      const stored =
        insert.run({
          messageId: o.messageId,
          phone,
          waId: o.waId,
          userId: o.userId,
          accountId: account,
          type: o.type,
          body: bodyOf(o),
          payload: o.button?.payload ?? null,
          mediaId: o.media?.id ?? null,
          mime: o.media?.mimeType ?? null,
          sha256: o.media?.sha256 ?? null,
          filename: o.media?.filename ?? null,
          reactedTo: o.reaction?.messageId ?? null,
          contextId: o.contextId,
          campaignId: match?.row.campaignId ?? null,
          recipientId: match?.row.recipientId ?? null,
          variant: match?.row.variant ?? null,
          matchedBy: match?.matchedBy ?? 'none',
          at: o.at,
          receivedAt,
        }).changes === 1;
      if (!stored) return { stored, labelled: null };
      if (phone && o.userId) adopt.run(phone, o.userId);
      if (!o.button || !match || !phone) return { stored, labelled: null };
      const label = ruleFor.get(
        match.row.campaignId,
        (o.button.text ?? '').trim(),
        (o.button.payload ?? '').trim(),
      ) as string | undefined;
      if (!label) return { stored, labelled: null };
      setLabel.run(phone, label, now(), match.row.campaignId);
      return { stored, labelled: label };
    },
  };
}
