import type { ButtonClicks } from '../../../shared/api';

/**
 * Meta's template analytics report a URL button twice: `url_button` (every click) and
 * `unique_url_button` (each person once). Verified: cloud-api.md §13, from Meta's template analytics
 * page. Adding both double-counts, so wherever clicks are summed the unique figure stands for the
 * button and the all-clicks figure is dropped. A button with only `url_button` (older answers, or a
 * fetch without the unique kind) keeps it: that is the only figure there is.
 */
export function countedClicks(clicks: readonly ButtonClicks[]): ButtonClicks[] {
  const withUnique = new Set(
    clicks.filter((c) => c.type === 'unique_url_button').map((c) => c.button),
  );
  return clicks.filter((c) => !(c.type === 'url_button' && withUnique.has(c.button)));
}
