import type { Database as SqliteDatabase } from 'better-sqlite3';
import type {
  VariantClicks,
  VariantComparison,
  VariantsSetting,
  VariantStats,
} from '../../../shared/api';
import { VARIANT_IDS, variantOf, type VariantId } from '../../../shared/domain/variants';
import { whilePublishing } from '../db/visibility';

/** Counts per variant and state, read from the partial index recipients_variant alone (migration 70). */
export interface VariantCounts {
  variant: VariantId;
  recipients: number;
  waiting: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

const isVariant = (v: unknown): v is VariantId =>
  typeof v === 'string' && (VARIANT_IDS as readonly string[]).includes(v);

/**
 * Sent counts everything WhatsApp accepted (sent_at set), whatever happened after; delivered includes
 * read, as on the status ladder (Meta may skip `delivered` when both happen at once).
 */
export function variantCounts(db: SqliteDatabase, campaignId: number): VariantCounts[] {
  const rows = db
    .prepare(
      `SELECT variant, state, count(*) AS n, sum(sent_at IS NOT NULL) AS sent FROM recipients
       WHERE campaign_id = ? AND variant IS NOT NULL GROUP BY variant, state`,
    )
    .all(campaignId) as { variant: string; state: string; n: number; sent: number }[];
  const by = new Map<VariantId, VariantCounts>();
  for (const r of rows) {
    if (!isVariant(r.variant)) continue;
    let c = by.get(r.variant);
    if (!c)
      by.set(
        r.variant,
        (c = {
          variant: r.variant,
          recipients: 0,
          waiting: 0,
          sent: 0,
          delivered: 0,
          read: 0,
          failed: 0,
        }),
      );
    c.recipients += r.n;
    c.sent += r.sent;
    if (r.state === 'pending' || r.state === 'sending') c.waiting += r.n;
    if (r.state === 'delivered' || r.state === 'read') c.delivered += r.n;
    if (r.state === 'read') c.read += r.n;
    if (r.state === 'failed') c.failed += r.n;
  }
  return [...by.values()];
}

// The draw over a million pending recipients takes a few hundred ms; a draft's view is read after every
// edit, so counts are kept per connection and campaign until the split or the pending audience changes.
type DrawnEntry = { key: string; counts: Partial<Record<VariantId, number>> };
const drawnCache = new WeakMap<SqliteDatabase, Map<number, DrawnEntry>>();

/** Before start: how many of the pending recipients the seeded draw gives each variant (exactly what start assigns). */
export function drawnCounts(
  db: SqliteDatabase,
  campaignId: number,
  setting: VariantsSetting,
): Partial<Record<VariantId, number>> {
  if (setting.variants.length < 2) return {};
  const audience = db
    .prepare(
      `SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM recipients WHERE campaign_id = ? AND state = 'pending'${whilePublishing(db, campaignId)}`,
    )
    .get(campaignId) as { n: number; lo: number | null; hi: number | null };
  const key = JSON.stringify([setting.seed, setting.variants.map((v) => v.share), audience]);
  let byCampaign = drawnCache.get(db);
  if (!byCampaign) drawnCache.set(db, (byCampaign = new Map<number, DrawnEntry>()));
  const cached = byCampaign.get(campaignId);
  if (cached?.key === key) return cached.counts;
  const counts = countDraws(db, campaignId, setting);
  byCampaign.delete(campaignId);
  byCampaign.set(campaignId, { key, counts });
  // Bounded: only the campaigns looked at most recently keep their counts.
  if (byCampaign.size > 20) byCampaign.delete(byCampaign.keys().next().value as number);
  return counts;
}

function countDraws(
  db: SqliteDatabase,
  campaignId: number,
  setting: VariantsSetting,
): Partial<Record<VariantId, number>> {
  const counts: Partial<Record<VariantId, number>> = {};
  // The (campaign_id, state, id) index alone: ids only, streamed, nothing held.
  const ids = db
    .prepare(
      `SELECT id FROM recipients WHERE campaign_id = ? AND state = 'pending'${whilePublishing(db, campaignId)}`,
    )
    .pluck()
    .iterate(campaignId) as IterableIterator<number>;
  for (const id of ids) {
    const v = variantOf(setting, id);
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Where button clicks per variant come in (analytics/variant-clicks.ts, from stored template analytics).
 * Meta counts clicks per template and button, so a variant's clicks are its template's clicks only
 * when no other variant of the campaign uses the same template. Without `clicksFor` (tests, or a core
 * without analytics) the comparison says so instead of showing zeros.
 */
export type ClicksSource = (template: { name: string; language: string }) => VariantClicks | null;

export interface ComparisonInput {
  campaignId: number;
  setting: VariantsSetting | null;
  templates: Partial<Record<VariantId, { name: string; language: string } | null>>;
  now: number;
  clicksFor?: ClicksSource;
}

export function compareVariants(db: SqliteDatabase, input: ComparisonInput): VariantComparison {
  const counts = new Map(variantCounts(db, input.campaignId).map((c) => [c.variant, c]));
  const variants = input.setting?.variants ?? [{ id: 'A' as const, label: 'A', share: 100 }];
  const templateKey = (id: VariantId) => {
    const t = input.templates[id];
    return t ? `${t.name}|${t.language}` : null;
  };
  const shared = new Set(
    variants
      .map((v) => templateKey(v.id))
      .filter((k, i, all): k is string => k !== null && all.indexOf(k) !== i),
  );
  const stats = variants.map((v): VariantStats => {
    const c = counts.get(v.id);
    const t = input.templates[v.id] ?? null;
    const key = templateKey(v.id);
    const clicks =
      input.clicksFor && t && key !== null && !shared.has(key) ? input.clicksFor(t) : null;
    const sent = c?.sent ?? 0;
    const delivered = c?.delivered ?? 0;
    return {
      id: v.id,
      label: v.label,
      share: v.share,
      templateName: t?.name ?? null,
      templateLanguage: t?.language ?? null,
      recipients: c?.recipients ?? 0,
      waiting: c?.waiting ?? 0,
      sent,
      delivered,
      read: c?.read ?? 0,
      failed: c?.failed ?? 0,
      deliveredRate: rate(delivered, sent),
      readRate: rate(c?.read ?? 0, delivered),
      clicks,
    };
  });
  const clicksNote = !input.clicksFor
    ? 'Button clicks per variant come from WhatsApp template analytics, which is not connected here yet.'
    : shared.size > 0
      ? 'Variants that use the same template share its click count in WhatsApp analytics, so their clicks cannot be told apart.'
      : null;
  return {
    campaignId: input.campaignId,
    split: variants.length > 1,
    variants: stats,
    clicksNote,
    at: input.now,
  };
}
