import type { VariantClicks } from '../../../shared/api';
import { buttonsOf } from '../../../shared/domain/templates';
import type { Store } from '../db/connection';
import { templateFromRow } from '../templates/store';
import { utcDays } from './days';
import { campaignScope } from './scope';
import { mergeClicks, storedDays } from './store';
import { countedClicks } from './unique-clicks';

/** Button clicks of one template over a campaign's days; null when Meta's figures were never fetched. */
export type TemplateClicks = (template: { name: string; language: string }) => VariantClicks | null;

/**
 * Button clicks per template for the A/B comparison and the report's "By variant" section, from the
 * template analytics already stored (the poller fetches them; see poller.ts). Only the stored daily
 * rows are read, over the campaign's UTC days from its start to its end (or now): never the
 * recipients, so it is cheap enough for every refresh of the progress view. Meta counts clicks per
 * template and day, not per campaign: another campaign sending the same template on those days is
 * counted in (the analytics panel names those campaigns), and variants sharing a template cannot be
 * told apart (variants-compare.ts leaves those out). A URL button counts its unique clickers only
 * (unique-clicks.ts).
 */
export function templateClicksSource(
  store: Store,
  campaignId: number,
  now: number,
): TemplateClicks {
  const scope = campaignScope(store, campaignId, now);
  const days = scope.range ? utcDays(scope.range.from, scope.range.to) : [];
  return (wanted) => {
    if (days.length === 0) return null;
    const row = store.first(
      store.q
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('name', '=', wanted.name)
        .where('language', '=', wanted.language),
    );
    if (!row?.meta_id) return null;
    const stored = storedDays(store, scope.accountId, [row.meta_id], days);
    if (stored.length === 0) return null;
    const clicks = countedClicks(mergeClicks(stored.flatMap((d) => d.clicks)));
    const parsed = templateFromRow(row);
    const buttons = parsed.ok ? buttonsOf(parsed.template) : [];
    const byButton = clicks.map((c) => ({
      index: buttons.findIndex((b) => b.text === c.button),
      text: c.button,
      clicks: c.count,
    }));
    return { total: byButton.reduce((n, b) => n + b.clicks, 0), byButton };
  };
}
