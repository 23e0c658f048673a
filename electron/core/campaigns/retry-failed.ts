import { CoreError, type RetryFailedPlan, type RetryFailedResult } from '../../../shared/api';
import { canRetryFailure, codeFromWords } from '../../../shared/domain/errors';
import { formatCount } from '../../../shared/format/numbers';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { FILTER_KEY } from './audience-filter-store';
import { leftOutReason } from './retry-reasons';
import { parseSettingsJson } from './settings';

/**
 * "Retry failed": a new draft with only the recipients whose failure is worth retrying (never
 * opt-outs or numbers not on WhatsApp), with the same template and mapping. It is a draft, so the
 * user reviews it, and it is scheduled no earlier than the failures allow.
 */
export function createRetryFailedDraft(
  deps: { store: Store; clock: Clock; events: EventBus },
  campaignId: number,
): RetryFailedResult {
  const { store, clock } = deps;
  const now = clock.now();
  const result = store.tx(() => {
    const source = store.first(
      store.q.selectFrom('campaigns').selectAll().where('id', '=', campaignId),
    );
    if (!source) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    if (source.state === 'draft')
      throw new CoreError('CONFLICT', 'This campaign has not been sent yet.');
    const category = source.template_id
      ? store.first(
          store.q.selectFrom('templates').select('category').where('id', '=', source.template_id),
        )?.category
      : undefined;
    const { lastInsertRowid: newId } = store.run(
      store.q.insertInto('campaigns').values({
        account_id: source.account_id,
        name: `${source.name} — retry`.slice(0, 120),
        template_id: source.template_id,
        template_name: source.template_name,
        template_language: source.template_language,
        mapping_json: source.mapping_json,
        settings_json: followUpSettings(source.settings_json),
        columns_json: source.columns_json,
        default_country: source.default_country,
        parent_campaign_id: source.id,
        pause_code: null,
        pause_reason: null,
        scheduled_at: null,
        started_at: null,
        completed_at: null,
        created_at: now,
        updated_at: now,
      }),
    );
    const insert = store.sqlite.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, country, phone_type, fields_json, state) VALUES (?, ?, ?, ?, ?, ?, 'pending')",
    );
    const { recipients, leftOut, notBefore } = planRetry(store, campaignId, category, now, (r) =>
      insert.run(newId, r.row_number, r.phone, r.country, r.phone_type, r.fields_json),
    );
    // Thrown inside the transaction: an empty follow-up draft is never created.
    if (recipients === 0)
      throw new CoreError(
        'CONFLICT',
        `Nobody can be retried now. ${leftOut.map((l) => `${formatCount('en', l.count)} left out: ${l.reason}`).join('; ')}.`,
      );
    return {
      campaignId: newId,
      recipients,
      leftOut,
      notBefore,
    };
  });
  deps.events.emit('db.changed', {
    tables: ['campaigns', 'recipients'],
    campaignId: result.campaignId,
  });
  return result;
}

/**
 * The follow-up keeps the source's settings except its audience filter: its recipients are the
 * failures of people the filter already chose, and the filter is not re-applied to them (their
 * columns are the same, but a filter edited in the follow-up should start from everybody in it).
 */
function followUpSettings(json: string): string {
  const settings = parseSettingsJson(json);
  delete settings[FILTER_KEY];
  return JSON.stringify(settings);
}

interface FailedRow {
  row_number: number;
  phone: string;
  country: string | null;
  phone_type: string | null;
  fields_json: string;
}

/**
 * Who a retry includes, and who it leaves out and why: never opt-outs or numbers not on WhatsApp,
 * and never now those Meta asks to wait for (they are left out until their time has passed, so a
 * draft never holds someone the app itself says not to message yet). `include` is called for each
 * recipient kept; without it, nothing is written (the plan shown before "Create draft").
 */
export function planRetry(
  store: Store,
  campaignId: number,
  category: string | undefined,
  now: number,
  include?: (r: FailedRow) => void,
): RetryFailedPlan {
  const leftOut = new Map<string, number>();
  let recipients = 0;
  let notBefore: number | null = null;
  // Keyset pages: a campaign can have a million failures; memory stays flat.
  let after = 0;
  for (;;) {
    const page = store.all(
      store.q
        .selectFrom('recipients')
        .select([
          'id',
          'row_number',
          'phone',
          'country',
          'phone_type',
          'fields_json',
          'error_code',
          'error_title',
          'wamid',
          'failed_at',
        ])
        .where('campaign_id', '=', campaignId)
        .where('state', '=', 'failed')
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000),
    );
    const last = page.at(-1);
    if (!last) break;
    after = last.id;
    for (const r of page) {
      const code = r.error_code ?? codeFromWords(r.error_title);
      const decision = canRetryFailure({
        code,
        accepted: r.wamid !== null,
        words: r.error_title,
        failedAt: r.failed_at ?? now,
        now,
        phone: r.phone,
        ...(r.country ? { recipientCountry: r.country } : {}),
        ...(category ? { templateCategory: category } : {}),
      });
      // Recipients waiting for Meta's time to pass are never re-sent before it.
      const reason = leftOutReason(code, decision, now);
      if (decision.retry && decision.notBefore > now)
        notBefore = Math.max(notBefore ?? 0, decision.notBefore);
      if (reason !== null) {
        leftOut.set(reason, (leftOut.get(reason) ?? 0) + 1);
        continue;
      }
      include?.(r);
      recipients++;
    }
  }
  return {
    recipients,
    leftOut: [...leftOut].map(([reason, count]) => ({ reason, count })),
    notBefore,
  };
}

/** The plan for a campaign, read only. */
export function retryFailedPlan(store: Store, campaignId: number, now: number): RetryFailedPlan {
  const source = store.first(
    store.q
      .selectFrom('campaigns')
      .leftJoin('templates', 'templates.id', 'campaigns.template_id')
      .select(['campaigns.state', 'templates.category'])
      .where('campaigns.id', '=', campaignId),
  );
  if (!source) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  if (source.state === 'draft')
    throw new CoreError('CONFLICT', 'This campaign has not been sent yet.');
  return planRetry(store, campaignId, source.category ?? undefined, now);
}
