import type {
  AnalyticsDay,
  AnalyticsHealth,
  ButtonClicks,
  CampaignAnalytics,
  CampaignButtonClicks,
  CostFigure,
  MetaFigures,
} from '../../../shared/api';
import type { Store } from '../db/connection';
import { explainDifferences } from './explain';
import { knownSince } from './poller';
import {
  addOwn,
  campaignDays,
  campaignScope,
  emptyOwn,
  overlapping,
  ownCells,
  type OwnCell,
} from './scope';
import { campaignFetch, mergeClicks, storedDays, type StoredDay } from './store';
import { countedClicks } from './unique-clicks';

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Sums days of Meta's figures. Counts add up; of the cost items only `amount_spent` does, so the two
 * per-unit figures Meta reports are recomputed from the sums and other kinds are left out of the total.
 */
export function sumMeta(days: readonly (MetaFigures | null)[]): MetaFigures | null {
  const present = days.filter((d): d is MetaFigures => d !== null);
  if (present.length === 0) return null;
  const sum = (k: 'sent' | 'delivered' | 'read') =>
    present.some((d) => d[k] !== null) ? present.reduce((n, d) => n + (d[k] ?? 0), 0) : null;
  const clicks = mergeClicks(present.flatMap((d) => d.clicks));
  const spentItems = present.flatMap((d) => d.cost.filter((c) => c.type === 'amount_spent'));
  const cost: CostFigure[] = [];
  if (spentItems.length > 0) {
    const spent = round6(spentItems.reduce((n, c) => n + c.value, 0));
    const delivered = sum('delivered');
    const urlClicks = clicks
      .filter((c) => c.type === 'url_button')
      .reduce((n, c) => n + c.count, 0);
    cost.push({ type: 'amount_spent', value: spent });
    if (delivered) cost.push({ type: 'cost_per_delivered', value: round6(spent / delivered) });
    if (urlClicks)
      cost.push({ type: 'cost_per_url_button_click', value: round6(spent / urlClicks) });
  }
  // Shown per button: one figure each, the unique clickers where Meta gives them (unique-clicks.ts).
  const shown = countedClicks(clicks);
  return { sent: sum('sent'), delivered: sum('delivered'), read: sum('read'), clicks: shown, cost };
}

const toMeta = (s: StoredDay): MetaFigures => ({
  sent: s.sent,
  delivered: s.delivered,
  read: s.read,
  clicks: s.clicks,
  cost: s.cost,
});
const zeroMeta = (): MetaFigures => ({ sent: 0, delivered: 0, read: 0, clicks: [], cost: [] });

interface Gathered {
  scope: ReturnType<typeof campaignScope>;
  cells: OwnCell[];
  days: number[];
  perDay: AnalyticsDay[];
}

/**
 * Our cells and Meta's stored days for the campaign's template(s) and days. A day inside the range of
 * the campaign's last complete fetch that Meta did not return counts as zero at Meta (an answer leaves
 * out days without traffic, as far as we can tell); a day never fetched stays null.
 */
async function gather(store: Store, campaignId: number, now: number): Promise<Gathered> {
  const scope = campaignScope(store, campaignId, now);
  const templateIds = scope.templates.map((t) => t.templateId);
  const cells = scope.range ? await ownCells(store, scope.accountId, templateIds, scope.range) : [];
  const days = campaignDays(cells, campaignId);
  const withMeta = scope.templates.filter(
    (t): t is typeof t & { metaId: string } => t.metaId !== null,
  );
  const stored = storedDays(
    store,
    scope.accountId,
    withMeta.map((t) => t.metaId),
    days,
  );
  const fetch = campaignFetch(store, campaignId);
  const covered = (day: number) =>
    fetch?.fetched_from != null &&
    fetch.fetched_to != null &&
    day >= fetch.fetched_from &&
    day <= fetch.fetched_to;
  const perDay: AnalyticsDay[] = [];
  for (const t of withMeta) {
    for (const day of days) {
      const ours = cells
        .filter((c) => c.templateId === t.templateId && c.day === day)
        .reduce((o, c) => addOwn(o, c), emptyOwn());
      const s = stored.find((x) => x.templateMetaId === t.metaId && x.day === day);
      perDay.push({
        day,
        templateMetaId: t.metaId,
        ours,
        meta: s ? toMeta(s) : covered(day) ? zeroMeta() : null,
        fetchedAt: s?.fetchedAt ?? (covered(day) ? (fetch?.fetched_at ?? null) : null),
      });
    }
  }
  return { scope, cells, days, perDay };
}

export async function campaignAnalytics(
  store: Store,
  campaignId: number,
  now: number,
  health: AnalyticsHealth,
  sandboxStartedAt: number | null,
): Promise<CampaignAnalytics> {
  const { scope, cells, days, perDay } = await gather(store, campaignId, now);
  const mine = cells.filter((c) => c.campaignId === campaignId);
  const inDays = cells.filter((c) => days.includes(c.day));
  const ours = inDays.reduce((o, c) => addOwn(o, c), emptyOwn());
  const campaign = mine.reduce((o, c) => addOwn(o, c), emptyOwn());
  const meta = sumMeta(perDay.map((d) => d.meta));
  const others = overlapping(store, cells, campaignId, days);
  const fetchedTimes = perDay.map((d) => d.fetchedAt).filter((t): t is number => t !== null);
  const firstSentAt = mine.length ? Math.min(...mine.map((c) => c.firstSentAt)) : null;
  const lastSentAt = mine.length ? Math.max(...mine.map((c) => c.lastSentAt)) : null;
  const sandboxForgot =
    health.sandbox &&
    meta !== null &&
    sandboxStartedAt !== null &&
    inDays.some((c) => c.firstSentAt < knownSince(sandboxStartedAt));
  const diff = (m: number | null, o: number) => (m === null ? null : m - o);
  return {
    campaignId,
    accountId: scope.accountId,
    templates: scope.templates,
    days: days.length ? { from: days[0]!, to: days[days.length - 1]! } : null,
    meta,
    ours,
    campaign,
    differences: {
      sent: diff(meta?.sent ?? null, ours.sent),
      delivered: diff(meta?.delivered ?? null, ours.delivered),
      read: diff(meta?.read ?? null, ours.read),
    },
    perDay,
    overlapping: others,
    fetched: fetchedTimes.length
      ? { oldest: Math.min(...fetchedTimes), newest: Math.max(...fetchedTimes) }
      : null,
    explanations: explainDifferences({
      now,
      health,
      hasMetaId: scope.templates.some((t) => t.metaId !== null),
      days,
      firstSentAt,
      lastSentAt,
      meta,
      ours,
      overlapping: others,
      sandboxForgot,
    }),
    health,
  };
}

/** Clicks per template and button over the campaign's days, for the A/B comparison. */
export async function campaignButtonClicks(
  store: Store,
  campaignId: number,
  now: number,
  health: AnalyticsHealth,
): Promise<CampaignButtonClicks> {
  const { scope, cells, days, perDay } = await gather(store, campaignId, now);
  const others = overlapping(store, cells, campaignId, days);
  const fetchedTimes = perDay.map((d) => d.fetchedAt).filter((t): t is number => t !== null);
  const templates = scope.templates.map((t) => {
    const mineDays = perDay.filter((d) => d.templateMetaId === t.metaId);
    const clicks: ButtonClicks[] = countedClicks(
      mergeClicks(mineDays.flatMap((d) => d.meta?.clicks ?? [])),
    );
    const sharedWith = others
      .filter((o) =>
        cells.some(
          (c) =>
            c.campaignId === o.campaignId && c.templateId === t.templateId && days.includes(c.day),
        ),
      )
      .map((o) => o.campaignId);
    return {
      templateId: t.templateId,
      metaId: t.metaId,
      name: t.name,
      language: t.language,
      clicks,
      sharedWith,
    };
  });
  const anyFetched = perDay.some((d) => d.meta !== null);
  const blocking = anyFetched
    ? null
    : (explainDifferences({
        now,
        health,
        hasMetaId: scope.templates.some((t) => t.metaId !== null),
        days,
        firstSentAt: null,
        lastSentAt: null,
        meta: null,
        ours: emptyOwn(),
        overlapping: [],
        sandboxForgot: false,
      }).at(-1)?.text ?? 'Not fetched yet.');
  return {
    campaignId,
    templates,
    fetchedAt: fetchedTimes.length ? Math.max(...fetchedTimes) : null,
    unavailable: blocking,
  };
}
