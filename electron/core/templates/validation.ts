import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { CoreError, type ValidationReason, type ValidationSummary } from '../../../shared/api';
import {
  PROBLEM_LABEL,
  resolveMessageValues,
  templateSlots,
  validateRecipient,
  type ProblemCode,
} from '../../../shared/domain/templates';
import type { VariantId } from '../../../shared/domain/variants';
import { loadVariantPlan } from '../campaigns/variants-messages';
import type { Store } from '../db/connection';
import { toSetup } from './campaign-message';
import { audienceScope } from '../campaigns/audience-scope';
import { isMarketing, isUsMarketing } from '../../../shared/domain/reach';
import { excludedBySql, leftOutGroups, skippedByKind, type LeftOutCounts } from './reach-groups';
import { hasStagedImport, published } from '../db/visibility';

export interface ValidationPass {
  summary: ValidationSummary;
  /** Recipients that pass, by country (ISO alpha-2 or null): what the cost estimate prices. */
  validByCountry: Map<string | null, number>;
  /** The same by A/B variant (A alone when the campaign is not split): variants may differ in price. */
  validByVariant: Map<VariantId, Map<string | null, number>>;
}

export interface ValidationOptions {
  /** Recipients read per query; memory stays bounded by this, whatever the audience size. */
  pageSize?: number;
  /** Example rows kept per reason. */
  maxExamples?: number;
  now?: () => number;
  /** Checked between pages: a newer run for the same campaign makes an older one stop early. */
  isCancelled?: () => boolean;
}

const DEFAULT_PAGE = 2000;
const DEFAULT_EXAMPLES = 20;

function countState(store: Store, campaignId: number, state: 'pending' | 'skipped'): number {
  return (
    store.first(
      store.q
        .selectFrom('recipients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .where('state', '=', state)
        .$if(hasStagedImport(store.sqlite, campaignId), (q) => q.where(published())),
    )?.n ?? 0
  );
}

/**
 * Checks every recipient that will be sent to (state `pending`) with the same functions the sender
 * composes with, each against its own A/B variant's message (the one assigned at start, or before
 * start the one the seeded draw gives it, which is what start assigns), leaving out those the
 * targeting (audience filter, frequency cap) excludes. Reads in keyset pages on (campaign_id, state,
 * id) and yields to the event loop between pages, so a million recipients take seconds without freezing the app or holding them all.
 */
export async function validateCampaign(
  store: Store,
  campaignId: number,
  options: ValidationOptions = {},
): Promise<ValidationPass> {
  const started = (options.now ?? Date.now)();
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  const maxExamples = options.maxExamples ?? DEFAULT_EXAMPLES;
  const plan = loadVariantPlan(store, campaignId);
  const state = plan.states[0]!;
  const setup = toSetup(state);
  const summary: ValidationSummary = {
    campaignId,
    checked: 0,
    valid: 0,
    invalid: 0,
    alreadySkipped: countState(store, campaignId, 'skipped'),
    excludedByTargeting: 0,
    willReceive: 0,
    leftOut: [],
    willReceiveByCountry: {},
    reasons: [],
    mappingProblems: plan.split
      ? plan.mappingProblems((s) => toSetup(s).mappingProblems)
      : setup.mappingProblems,
    unavailable: null,
    durationMs: 0,
  };
  const validByCountry = new Map<string | null, number>();
  const validByVariant = new Map<VariantId, Map<string | null, number>>();
  const t = state.info?.template;
  const counts: LeftOutCounts = skippedByKind(store, campaignId);
  if (!t || plan.unavailable) {
    summary.unavailable = plan.unavailable ?? state.templateWarning ?? 'Choose a template first.';
    summary.leftOut = leftOutGroups(counts);
    return { summary, validByCountry, validByVariant };
  }

  const reasons = new Map<ProblemCode, ValidationReason>();
  const reasonFor = (code: ProblemCode): ValidationReason => {
    let r = reasons.get(code);
    if (!r) {
      r = {
        code,
        label: PROBLEM_LABEL[code],
        count: 0,
        slots: [],
        action: 'skip_recipients',
        examples: [],
      };
      reasons.set(code, r);
    }
    return r;
  };

  // Only who will be sent to: pending recipients the audience filter (and other targeting) keeps.
  const scope = audienceScope(store, campaignId, (options.now ?? Date.now)());
  let afterId = 0;
  for (;;) {
    const page = store.all(
      store.q
        .selectFrom('recipients')
        .select(['id', 'row_number', 'phone', 'country', 'fields_json', 'variant'])
        .where('campaign_id', '=', campaignId)
        .where('state', '=', 'pending')
        .$if(hasStagedImport(store.sqlite, campaignId), (q) => q.where(published()))
        // Selected rather than filtered on, so a page reads pageSize rows however few are kept.
        .select(excludedBySql(scope).as('excluded_by'))
        .select(
          sql<number>`EXISTS (SELECT 1 FROM suppression s WHERE s.phone = recipients.phone)`.as(
            'suppressed',
          ),
        )
        .select(
          sql<number>`EXISTS (SELECT 1 FROM customers c WHERE c.phone = recipients.phone AND c.marketing_declined_at IS NOT NULL)`.as(
            'declined',
          ),
        )
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(pageSize),
    );
    for (const r of page) {
      // The rules in the order their reasons win: targeting, the suppression list, the customer's
      // "no" to marketing, Meta's US rule.
      if (r.excluded_by !== null) {
        summary.excludedByTargeting++;
        counts[r.excluded_by === 'frequencyCap' ? 'frequencyCap' : 'filter']++;
        continue;
      }
      if (r.suppressed === 1) {
        counts.suppressed++;
        continue;
      }
      const m = plan.stateOf(r) ?? state;
      const mt = m.info?.template ?? t;
      if (r.declined === 1 && isMarketing(mt.category)) {
        counts.declined_marketing++;
        continue;
      }
      if (isUsMarketing(mt.category, r.country)) {
        counts.us_marketing++;
        continue;
      }
      const values = resolveMessageValues(
        mt,
        m.mapping,
        JSON.parse(r.fields_json) as Record<string, string>,
        m.utm,
      );
      const problems = validateRecipient(mt, values, m.mapping, { now: started });
      summary.checked++;
      if (problems.length === 0) {
        summary.valid++;
        validByCountry.set(r.country, (validByCountry.get(r.country) ?? 0) + 1);
        let inVariant = validByVariant.get(m.variant);
        if (!inVariant)
          validByVariant.set(m.variant, (inVariant = new Map<string | null, number>()));
        inVariant.set(r.country, (inVariant.get(r.country) ?? 0) + 1);
        continue;
      }
      summary.invalid++;
      counts.invalid++;
      const seen = new Set<ProblemCode>();
      for (const p of problems) {
        const reason = reasonFor(p.code);
        if (p.slot !== undefined && !reason.slots.includes(p.slot)) reason.slots.push(p.slot);
        if (seen.has(p.code)) continue;
        seen.add(p.code);
        reason.count++;
        if (reason.examples.length < maxExamples) {
          reason.examples.push({
            recipientId: r.id,
            rowNumber: r.row_number,
            phone: r.phone,
            message: plan.prefix(m) + p.message,
          });
        }
      }
    }
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) break;
    afterId = last.id;
    await yieldToEventLoop();
    if (options.isCancelled?.())
      throw new CoreError(
        'CONFLICT',
        'The campaign changed while it was being checked; it is being checked again.',
      );
  }

  // Slots whose mapping itself is broken (nothing assigned, or a column the audience lacks), in any variant.
  const problemSlots = new Set(
    plan.states.flatMap((v) =>
      templateSlots(v.info?.template ?? t)
        .filter((slot) => {
          const src = v.mapping[slot.key];
          return src === undefined || (src.kind === 'column' && !v.columns.includes(src.column));
        })
        .map((slot) => slot.key),
    ),
  );
  for (const r of reasons.values()) {
    if (r.code === 'TEMPLATE_NOT_APPROVED') r.action = 'choose_template';
    else if (r.count === summary.checked || r.slots.some((s) => problemSlots.has(s)))
      r.action = 'fix_mapping';
  }
  summary.reasons = [...reasons.values()].sort((a, b) => b.count - a.count);
  summary.willReceive = summary.valid;
  summary.leftOut = leftOutGroups(counts);
  for (const [country, n] of validByCountry) summary.willReceiveByCountry[country ?? ''] = n;
  summary.durationMs = (options.now ?? Date.now)() - started;
  return { summary, validByCountry, validByVariant };
}
