import {
  CoreError,
  type AnalyticsTemplateRef,
  type OverlappingCampaign,
  type OwnFigures,
} from '../../../shared/api';
import type { Store } from '../db/connection';
import { readVariants, variantsOfRow } from '../campaigns/variants-settings';
import { DAY_MS, LOOKBACK_DAYS, utcDay } from './days';

/** What Meta's analytics of a campaign cover: its template(s) and the UTC days it sent on. */
export interface CampaignScope {
  campaignId: number;
  accountId: number;
  name: string;
  state: string;
  startedAt: number | null;
  templates: AnalyticsTemplateRef[];
  /** Candidate range of days (from the campaign's start to its end, or now). */
  range: { from: number; to: number } | null;
}

/**
 * The template(s) a campaign sends: its own (variant A), and those of its A/B variants B and C,
 * each once (variants may share a template).
 */
export function campaignScope(store: Store, campaignId: number, now: number): CampaignScope {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .select([
        'id',
        'account_id',
        'name',
        'state',
        'template_id',
        'template_name',
        'template_language',
        'started_at',
        'completed_at',
        'updated_at',
      ])
      .where('id', '=', campaignId),
  );
  if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  const byId =
    c.template_id !== null
      ? store.first(
          store.q
            .selectFrom('templates')
            .select(['id', 'meta_id', 'name', 'language'])
            .where('id', '=', c.template_id),
        )
      : undefined;
  const byName =
    !byId && c.template_name && c.template_language
      ? store.first(
          store.q
            .selectFrom('templates')
            .select(['id', 'meta_id', 'name', 'language'])
            .where('account_id', '=', c.account_id)
            .where('name', '=', c.template_name)
            .where('language', '=', c.template_language),
        )
      : undefined;
  const t = byId ?? byName;
  const templates: AnalyticsTemplateRef[] = t
    ? [{ templateId: t.id, metaId: t.meta_id, name: t.name, language: t.language }]
    : [];
  for (const v of readVariants(store, campaignId).setting?.variants ?? []) {
    if (
      !v.template ||
      templates.some((x) => x.name === v.template!.name && x.language === v.template!.language)
    )
      continue;
    const other = store.first(
      store.q
        .selectFrom('templates')
        .select(['id', 'meta_id', 'name', 'language'])
        .where('account_id', '=', c.account_id)
        .where('name', '=', v.template.name)
        .where('language', '=', v.template.language),
    );
    if (other)
      templates.push({
        templateId: other.id,
        metaId: other.meta_id,
        name: other.name,
        language: other.language,
      });
  }
  const end =
    c.state === 'sending' || c.state === 'paused' ? now : (c.completed_at ?? c.updated_at);
  const range =
    c.started_at !== null
      ? { from: utcDay(c.started_at), to: utcDay(Math.max(c.started_at, Math.min(end, now))) }
      : null;
  return {
    campaignId: c.id,
    accountId: c.account_id,
    name: c.name,
    state: c.state,
    startedAt: c.started_at,
    templates,
    range,
  };
}

/** Our counts of one campaign, one template, one UTC day. */
export interface OwnCell extends OwnFigures {
  campaignId: number;
  templateId: number;
  day: number;
  /** The earliest acceptance that day: the sandbox only knows what it accepted since it started. */
  firstSentAt: number;
  lastSentAt: number;
}

/** Recipients counted per query: a million-recipient campaign never holds the core's thread for long. */
const CELL_CHUNK_ROWS = 50_000;

type RawCell = Omit<OwnCell, 'templateId'> & { variant: string | null };

/**
 * Our counts per campaign, template and UTC day for every campaign of the account that used these
 * templates in the range, by the day Meta accepted each message (`sent_at`). Sent counts what Meta
 * accepted and did not fail afterwards; read counts as delivered (the status ladder). A recipient of
 * an A/B split counts under its own variant's template. Walks the sent_at index in chunks of
 * CELL_CHUNK_ROWS recipients and yields to the event loop between them (the poller runs this while
 * campaigns send).
 */
export async function ownCells(
  store: Store,
  accountId: number,
  templateIds: readonly number[],
  range: { from: number; to: number },
  chunkRows = CELL_CHUNK_ROWS,
): Promise<OwnCell[]> {
  if (templateIds.length === 0) return [];
  const wanted = new Set(templateIds);
  const from = Math.max(range.from, range.to - LOOKBACK_DAYS * DAY_MS);
  const end = range.to + DAY_MS;
  const boundary = store.sqlite.prepare<[number, number, number]>(
    'SELECT sent_at FROM recipients WHERE sent_at >= ? AND sent_at < ? ORDER BY sent_at LIMIT 1 OFFSET ?',
  );
  const chunk = store.sqlite.prepare<[number, number, number]>(
    `SELECT r.campaign_id AS campaignId, r.variant AS variant, r.sent_at - (r.sent_at % ${DAY_MS}) AS day,
       SUM(r.state IN ('sent', 'delivered', 'read', 'expired')) AS sent,
       SUM(r.state IN ('delivered', 'read')) AS delivered,
       SUM(r.state = 'read') AS read,
       SUM(r.state = 'failed') AS failed,
       min(r.sent_at) AS firstSentAt, max(r.sent_at) AS lastSentAt
     FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
     WHERE r.sent_at >= ? AND r.sent_at < ? AND c.account_id = ?
     GROUP BY r.campaign_id, r.variant, day`,
  );
  const rows: RawCell[] = [];
  for (let lo = from; lo < end;) {
    // The sent_at of the CELL_CHUNK_ROWS-th recipient from `lo` ends this chunk (a walk of the index only).
    const next = boundary.get(lo, end, chunkRows) as { sent_at: number } | undefined;
    const hi = next ? Math.max(next.sent_at, lo + 1) : end;
    rows.push(...(chunk.all(lo, hi, accountId) as RawCell[]));
    lo = hi;
    if (lo < end) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Which template each (campaign, variant) sent: the campaign's own for A (or no variant), else the variant's.
  const templateOf = new Map<string, number | null>();
  const lookup = (campaignId: number, variant: string | null): number | null => {
    const key = `${campaignId}|${variant ?? 'A'}`;
    if (!templateOf.has(key)) {
      const c = store.first(
        store.q
          .selectFrom('campaigns')
          .select(['template_id', 'settings_json'])
          .where('id', '=', campaignId),
      );
      let id = c?.template_id ?? null;
      const v =
        variant && variant !== 'A'
          ? variantsOfRow(c?.settings_json).setting?.variants.find((x) => x.id === variant)
          : undefined;
      if (v?.template) {
        id =
          store.first(
            store.q
              .selectFrom('templates')
              .select('id')
              .where('account_id', '=', accountId)
              .where('name', '=', v.template.name)
              .where('language', '=', v.template.language),
          )?.id ?? null;
      }
      templateOf.set(key, id);
    }
    return templateOf.get(key) ?? null;
  };
  const cells = new Map<string, OwnCell>();
  for (const { variant, ...r } of rows) {
    const templateId = lookup(r.campaignId, variant);
    if (templateId === null || !wanted.has(templateId)) continue;
    // Variants sharing a template add up into one cell.
    const key = `${r.campaignId}|${templateId}|${r.day}`;
    const cell = cells.get(key);
    if (!cell) cells.set(key, { ...r, templateId });
    else {
      addOwn(cell, r);
      cell.firstSentAt = Math.min(cell.firstSentAt, r.firstSentAt);
      cell.lastSentAt = Math.max(cell.lastSentAt, r.lastSentAt);
    }
  }
  return [...cells.values()];
}

export const emptyOwn = (): OwnFigures => ({ sent: 0, delivered: 0, read: 0, failed: 0 });

export function addOwn(into: OwnFigures, c: OwnFigures): OwnFigures {
  into.sent += c.sent;
  into.delivered += c.delivered;
  into.read += c.read;
  into.failed += c.failed;
  return into;
}

/** The days this campaign sent on (a message accepted, even if it failed later), oldest first. */
export const campaignDays = (cells: readonly OwnCell[], campaignId: number): number[] =>
  [...new Set(cells.filter((c) => c.campaignId === campaignId).map((c) => c.day))].sort(
    (a, b) => a - b,
  );

/** Other campaigns that sent one of these templates on one of these days, with their names. */
export function overlapping(
  store: Store,
  cells: readonly OwnCell[],
  campaignId: number,
  days: readonly number[],
): OverlappingCampaign[] {
  const wanted = new Set(days);
  const mine = new Set(
    cells.filter((c) => c.campaignId === campaignId).map((c) => `${c.templateId}|${c.day}`),
  );
  const byCampaign = new Map<number, { sent: number; days: Set<number> }>();
  for (const c of cells) {
    if (c.campaignId === campaignId || !wanted.has(c.day) || !mine.has(`${c.templateId}|${c.day}`))
      continue;
    const o = byCampaign.get(c.campaignId) ?? { sent: 0, days: new Set<number>() };
    o.sent += c.sent + c.failed;
    o.days.add(c.day);
    byCampaign.set(c.campaignId, o);
  }
  if (byCampaign.size === 0) return [];
  const names = new Map(
    store
      .all(
        store.q
          .selectFrom('campaigns')
          .select(['id', 'name'])
          .where('id', 'in', [...byCampaign.keys()]),
      )
      .map((r) => [r.id, r.name]),
  );
  return [...byCampaign.entries()]
    .map(([id, o]) => ({
      campaignId: id,
      name: names.get(id) ?? `Campaign ${id}`,
      sent: o.sent,
      days: [...o.days].sort((a, b) => a - b),
    }))
    .sort((a, b) => a.campaignId - b.campaignId);
}
