import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import { validateCampaign, type ValidationPass } from './validation';
import { hasStagedImport, published } from '../db/visibility';

/**
 * What a validation result depends on, cheap to read: the campaign row (mapping, template, audience
 * changes all bump updated_at), the template row, the recipients' count and last id by state, and
 * the suppression list (a number added to it leaves that recipient out).
 */
function fingerprint(store: Store, campaignId: number): string {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .leftJoin('templates', 'templates.id', 'campaigns.template_id')
      .select([
        'campaigns.updated_at',
        'campaigns.mapping_json',
        // Targeting and pacing settings: written within one millisecond of each other under a frozen clock.
        'campaigns.settings_json',
        'campaigns.template_id',
        'templates.updated_at as t_updated',
        'templates.status',
      ])
      .where('campaigns.id', '=', campaignId),
  );
  // A/B variants B and C name their templates in the settings: any template change counts.
  const t = store.first(
    store.q
      .selectFrom('templates')
      .select((eb) => eb.fn.max('templates.updated_at').as('at'))
      .where(
        'account_id',
        '=',
        store.q.selectFrom('campaigns').select('account_id').where('id', '=', campaignId),
      ),
  );
  const r = store.first(
    store.q
      .selectFrom('recipients')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('id').as('max'),
        eb.fn
          .sum<number>(eb.case().when('state', '=', 'pending').then(1).else(0).end())
          .as('pending'),
      ])
      .where('campaign_id', '=', campaignId)
      // Publishing an import changes what is visible without touching a recipient row.
      .$if(hasStagedImport(store.sqlite, campaignId), (q) => q.where(published())),
  );
  const s = store.sqlite
    .prepare('SELECT count(*) AS n, max(created_at) AS at FROM suppression')
    .get() as { n: number; at: number | null };
  return JSON.stringify([c, r, t, s]);
}

export type Reach = (campaignId: number) => Promise<ValidationPass>;

/**
 * Who will receive each campaign's message (validation.ts), computed once per change and shared by
 * every screen and the start. One run per campaign at a time: the same inputs share a run (and its
 * result), and new inputs stop the older run at its next page, so typing in the mapping never
 * stacks up full scans.
 */
export function createReach(store: Store, clock: Clock): Reach {
  const runs = new Map<
    number,
    { key: string; token: { cancelled: boolean }; promise: Promise<ValidationPass> }
  >();
  return (campaignId) => {
    const key = fingerprint(store, campaignId);
    const current = runs.get(campaignId);
    if (current && current.key === key && !current.token.cancelled) return current.promise;
    if (current) current.token.cancelled = true;
    const token = { cancelled: false };
    const promise = validateCampaign(store, campaignId, {
      now: () => clock.now(),
      isCancelled: () => token.cancelled,
    });
    const run = { key, token, promise };
    promise.catch(() => {
      if (runs.get(campaignId) === run) runs.delete(campaignId);
    });
    runs.delete(campaignId);
    runs.set(campaignId, run);
    // Bounded: only the most recently checked campaigns keep a result.
    if (runs.size > 20) runs.delete(runs.keys().next().value as number);
    return promise;
  };
}
