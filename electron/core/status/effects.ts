import type { Database as SqliteDatabase } from 'better-sqlite3';
import { lookupCode } from '../../../shared/domain/errors';
import { detectOptOut } from '../../../shared/domain/optout';
import {
  templatePauseReason,
  templateStopsSending,
  type InboundObservation,
  type PreferenceObservation,
  type TemplateObservation,
} from '../../../shared/domain/status';

/** Template events that are not a template status of their own. */
const TEMPLATE_STATUS_OF_EVENT: Readonly<Record<string, string | null>> = {
  REINSTATED: 'APPROVED',
  UNARCHIVED: 'APPROVED',
  FLAGGED: null,
  CATEGORY_UPDATE: null,
};

// ';' sorts right after ':', so [prefix, prefix with ':' → ';') is exactly the keys under a prefix.
const keyRange = (prefix: string): [string, string] => [`${prefix}:`, `${prefix};`];

/**
 * Keeps the template studio's drafts (migration 180) in step with Meta's review webhooks: status,
 * the rejection reason, and a category Meta changed (`template_category_update`), which also
 * changes the synced template's category, and so the price the estimates use.
 */
function studioUpdates(db: SqliteDatabase, now: () => number) {
  return (o: TemplateObservation, accountIds: number[], status: string | null): void => {
    const marks = accountIds.map(() => '?').join(',');
    const match = `account_id IN (${marks}) AND (meta_id = ? OR (name = ? AND language = ?))`;
    const args = [...accountIds, o.templateId ?? '', o.name ?? '', o.language ?? ''];
    if (status)
      db.prepare(
        `UPDATE template_drafts SET status = ?, rejected_reason = ?, updated_at = ? WHERE ${match}`,
      ).run(status, o.event === 'REJECTED' ? (o.reason ?? 'UNKNOWN') : null, now(), ...args);
    if (o.newCategory) {
      db.prepare(
        `UPDATE template_drafts SET previous_category = COALESCE(?, category), category = ?, updated_at = ? WHERE ${match} AND category != ?`,
      ).run(o.previousCategory ?? null, o.newCategory, now(), ...args, o.newCategory);
      db.prepare(`UPDATE templates SET category = ?, updated_at = ? WHERE ${match}`).run(
        o.newCategory,
        now(),
        ...args,
      );
    }
  };
}

/**
 * What an observation does besides moving a recipient: suppression (opt-outs), pausing campaigns
 * (a template paused by Meta, or a failure code that stops every send), template status. Runs inside
 * the reconciler's transaction; every statement here is synchronous.
 */
export function createEffects(db: SqliteDatabase, now: () => number) {
  const studioTemplate = studioUpdates(db, now);
  const suppressStmt = db.prepare(
    'INSERT OR IGNORE INTO suppression (phone, reason, source, detail, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const pauseStmt = db.prepare(
    "UPDATE campaigns SET state = 'paused', pause_code = ?, pause_reason = ?, updated_at = ? WHERE id = ? AND state IN ('sending', 'scheduled')",
  );
  const phonesOfWaId = db.prepare<[string]>(
    'SELECT DISTINCT phone FROM recipients WHERE wa_id = ? LIMIT 50',
  );
  const phonesOfUser = db.prepare<[string]>(
    'SELECT DISTINCT phone FROM recipients WHERE user_id = ? LIMIT 50',
  );
  const phoneOfWamid = db.prepare<[string]>('SELECT phone FROM recipients WHERE wamid = ?').pluck();
  const learnByWamid = db.prepare<[string, string]>(
    'UPDATE recipients SET user_id = ? WHERE wamid = ? AND user_id IS NULL',
  );
  const learnByWaId = db.prepare<[string, string]>(
    'UPDATE recipients SET user_id = ? WHERE wa_id = ? AND user_id IS NULL',
  );
  const newestKey = db.prepare<[string, string]>(
    // recipient_id IS NULL: these events are never a recipient's, and it lets SQLite use the unique key's partial index.
    'SELECT status, meta_ts AS at FROM status_events WHERE recipient_id IS NULL AND dedupe_key >= ? AND dedupe_key < ? ORDER BY meta_ts DESC, id DESC LIMIT 1',
  );
  const unsuppress = db.prepare(
    "DELETE FROM suppression WHERE phone = ? AND (source = 'user_preferences' OR (source IN ('status', 'send') AND detail LIKE 'error 131050%'))",
  );
  const accountsOfWaba = db.prepare<[string]>('SELECT id FROM accounts WHERE waba_id = ?');
  const optOutStmt = db.prepare(
    `INSERT OR IGNORE INTO suppression (phone, reason, source, detail, created_at, words, wamid, campaign_id, account_id, event_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const campaignOfWamid = db
    .prepare<[string]>('SELECT campaign_id FROM recipients WHERE wamid = ?')
    .pluck();
  const accountOfNumber = db
    .prepare<[string]>('SELECT id FROM accounts WHERE phone_number_id = ? ORDER BY id LIMIT 1')
    .pluck();

  const suppress = (
    phone: string,
    reason: string,
    source: string,
    detail: string | null,
  ): boolean => suppressStmt.run(phone, reason, source, detail, now()).changes === 1;

  /** Phones a wa_id stands for: our stored E.164 (Meta may change Brazilian and Mexican numbers, §8) and +wa_id. */
  const phonesFor = (waId: string, known: string | null = null): string[] => {
    const set = new Set<string>([`+${waId}`]);
    if (known) set.add(known);
    for (const r of phonesOfWaId.all(waId) as { phone: string }[]) set.add(r.phone);
    return [...set];
  };

  /**
   * Phones of a customer named by wa_id and/or business-scoped user id (issue 16 item 6). A webhook
   * without a phone number is matched through the user id stored before, or through the message it
   * answers (`contextId`, a wamid of ours); what it teaches (user id ↔ recipient) is stored.
   */
  const phonesOfPerson = (p: {
    waId: string | null;
    userId: string | null;
    contextId?: string | null;
  }): string[] => {
    if (p.userId) {
      if (p.waId) learnByWaId.run(p.userId, p.waId);
      if (p.contextId) learnByWamid.run(p.userId, p.contextId);
    }
    const set = new Set<string>(p.waId ? phonesFor(p.waId) : []);
    if (p.userId)
      for (const r of phonesOfUser.all(p.userId) as { phone: string }[]) set.add(r.phone);
    if (!p.waId && p.contextId) {
      const phone = phoneOfWamid.get(p.contextId) as string | undefined;
      if (phone) set.add(phone);
    }
    return [...set];
  };

  const pauseCampaign = (campaignId: number, code: string, reason: string): boolean =>
    pauseStmt.run(code, reason, now(), campaignId).changes === 1;

  return {
    suppress,
    pauseCampaign,

    /** A failed status with Meta's code: the catalogue says whether it suppresses or stops the campaign. */
    failure(
      code: number | null,
      phones: { waId: string | null; phone: string | null },
      source: string,
    ): { suppressed: number; pause: { code: string; reason: string } | null } {
      const entry = code === null ? undefined : lookupCode(code);
      if (!entry) return { suppressed: 0, pause: null };
      let suppressed = 0;
      if (entry.suppress) {
        const list = phones.waId
          ? phonesFor(phones.waId, phones.phone)
          : phones.phone
            ? [phones.phone]
            : [];
        for (const p of list)
          if (suppress(p, entry.title, 'status', `error ${code} (${source})`)) suppressed++;
      }
      const pause =
        entry.handling === 'pause_campaign'
          ? { code: String(code), reason: `${entry.explanation} ${entry.action}` }
          : null;
      return { suppressed, pause };
    },

    /**
     * user_preferences: the newest preference of this customer (by Meta's timestamp, so a stop and a
     * resume arriving out of order still end right) decides. Only the customer can resume (§9); a
     * resume lifts what a stop or a 131050 put on the list, never an opt-out recorded another way.
     */
    preference(o: PreferenceObservation): { suppressed: number; lifted: number } {
      const [from, to] = keyRange(`p:${o.waId ?? `u:${o.userId ?? ''}`}`);
      const newest = newestKey.get(from, to) as { status: string; at: number } | undefined;
      const value = newest?.status ?? o.value;
      let suppressed = 0;
      let lifted = 0;
      for (const phone of phonesOfPerson(o)) {
        if (value === 'stop') {
          if (
            suppress(phone, 'Stopped marketing messages on WhatsApp', 'user_preferences', o.detail)
          )
            suppressed++;
        } else {
          lifted += unsuppress.run(phone).changes;
        }
      }
      return { suppressed, lifted };
    },

    /**
     * A customer's reply or quick-reply tap: an opt-out ("STOP", "Stop promotions") puts the number on
     * the list with what they sent, the message they answered and Meta's time. Runs once per message
     * (the reconciler refuses a replayed one before this), and INSERT OR IGNORE keeps an earlier entry
     * (its first reason stands). A later "START" is deliberately not a resubscribe: see docs/user-guide/opt-outs.md.
     */
    inbound(
      o: InboundObservation,
      fallbackAccountId: number | null,
    ): { suppressed: number; phones: string[] } {
      // Every reply teaches the user id ↔ number pairing, opt-out or not.
      const phones = phonesOfPerson(o);
      const d = detectOptOut(o);
      if (!d.optOut) return { suppressed: 0, phones };
      const campaignId = o.contextId
        ? ((campaignOfWamid.get(o.contextId) as number | undefined) ?? null)
        : null;
      const accountId =
        (o.phoneNumberId
          ? (accountOfNumber.get(o.phoneNumberId) as number | undefined)
          : undefined) ?? fallbackAccountId;
      // A button is named by its label (the payload stays in `words`); a reply by what was typed.
      const said = d.via === 'button' ? o.button?.text || o.button?.payload || d.words : d.words;
      const quoted = said.length > 80 ? `${said.slice(0, 79)}…` : said;
      const reason = d.via === 'button' ? `Tapped "${quoted}"` : `Replied "${quoted}"`;
      const detail = `opt-out word "${d.keyword}" (${d.language})`;
      let suppressed = 0;
      for (const phone of phones) {
        if (
          optOutStmt.run(
            phone,
            reason,
            d.via,
            detail,
            now(),
            d.words,
            o.contextId,
            campaignId,
            accountId,
            o.at,
          ).changes === 1
        )
          suppressed++;
      }
      return { suppressed, phones };
    },

    /**
     * message_template_status_update: keeps the template's status and pauses the campaigns sending
     * (or scheduled to send) with it when it can no longer be sent. Only the newest event of a
     * template counts, so an old PAUSED arriving after the UNPAUSE changes nothing.
     */
    template(
      o: TemplateObservation,
      fallbackAccountId: number | null,
    ): { pausedCampaigns: number[]; templateUpdated: boolean } {
      const accountIds = o.wabaId
        ? (accountsOfWaba.all(o.wabaId) as { id: number }[]).map((a) => a.id)
        : fallbackAccountId !== null
          ? [fallbackAccountId]
          : [];
      if (accountIds.length === 0) return { pausedCampaigns: [], templateUpdated: false };
      const [from, to] = keyRange(
        `t:${o.wabaId ?? ''}:${o.templateId ?? `${o.name ?? ''}/${o.language ?? ''}`}`,
      );
      const newest = newestKey.get(from, to) as { at: number } | undefined;
      if (newest && newest.at > o.at) return { pausedCampaigns: [], templateUpdated: false };

      const marks = accountIds.map(() => '?').join(',');
      const match = `account_id IN (${marks}) AND (meta_id = ? OR (name = ? AND language = ?))`;
      const args = [...accountIds, o.templateId ?? '', o.name ?? '', o.language ?? ''];
      const status =
        o.event in TEMPLATE_STATUS_OF_EVENT ? TEMPLATE_STATUS_OF_EVENT[o.event] : o.event;
      const templateUpdated = status
        ? db
            .prepare(`UPDATE templates SET status = ?, updated_at = ? WHERE ${match}`)
            .run(status, now(), ...args).changes > 0
        : false;
      studioTemplate(o, accountIds, status ?? null);
      if (!templateStopsSending(o.event)) return { pausedCampaigns: [], templateUpdated };

      const campaigns = db
        .prepare(
          `SELECT id, template_name AS name, template_language AS language FROM campaigns
           WHERE state IN ('sending', 'scheduled') AND account_id IN (${marks})
             AND ((template_name = ? AND template_language = ?) OR template_id IN (SELECT id FROM templates WHERE ${match}))`,
        )
        .all(...accountIds, o.name ?? '', o.language ?? '', ...args) as {
        id: number;
        name: string | null;
        language: string | null;
      }[];
      const pausedCampaigns: number[] = [];
      for (const c of campaigns) {
        const reason = templatePauseReason(
          o.event,
          o.name ?? c.name ?? 'this template',
          o.language ?? c.language ?? '',
          o.title,
        );
        if (pauseCampaign(c.id, `TEMPLATE_${o.event}`, reason)) pausedCampaigns.push(c.id);
      }
      return { pausedCampaigns, templateUpdated };
    },
  };
}

export type Effects = ReturnType<typeof createEffects>;
