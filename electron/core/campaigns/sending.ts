import { statusSilence } from '../status/silence';
import type { Updateable } from 'kysely';
import {
  CoreError,
  type CampaignState,
  type SendProgress,
  type TestSendResult,
} from '../../../shared/api';
import type { CampaignsTable } from '../db/schema';
import { hasStagedImport, IMPORT_RUNNING } from '../db/visibility';
import { normalizePhone } from '../../../shared/domain/phone';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import type { SenderManager } from '../sender/manager';
import { createSendRepo } from '../sender/repo';
import { deliveryStatus } from './delivery-status';
import { countHeld, failureGroups } from '../status/queries';
import { loadCampaignMessages } from '../templates/compose';
import { precheckCampaign } from './precheck';
import { applyExclusions, audienceScope } from './audience-scope';
import { excludedGroups } from './pacing-exclusion';
import { createPacingService } from './pacing-service';
import { loadCampaignPacing } from './pacing-settings';
import { pendingByCountry, quietWaitingNow } from './pacing-view';
import { assignVariants } from './variants-assign';
import { skipUndeliverable } from './meta-rules';
import type { Reach } from '../templates/reach';
import { recipientVariant } from './variants-messages';
import { readVariants } from './variants-settings';

export interface SendingDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  senders: SenderManager;
  reach: Reach;
}

/** The campaign controls: start or schedule, pause, resume, cancel, re-send unknowns, test send. */
export function createSendingService(deps: SendingDeps) {
  const { store, clock, events } = deps;
  const repo = createSendRepo(store.sqlite);
  const pacing = createPacingService(deps);
  const precheck = async (campaignId: number) =>
    pacing.withPrecheck(campaignId, await precheckCampaign(deps, campaignId));

  const row = (campaignId: number) => {
    const c = store.first(store.q.selectFrom('campaigns').selectAll().where('id', '=', campaignId));
    if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    return c;
  };
  const setState = (
    campaignId: number,
    values: Updateable<CampaignsTable>,
    from: CampaignState[],
  ) => {
    const changed = store.run(
      store.q
        .updateTable('campaigns')
        .set({ ...values, updated_at: clock.now() })
        .where('id', '=', campaignId)
        .where('state', 'in', from),
    ).changes;
    events.emit('db.changed', { tables: ['campaigns'], campaignId });
    return changed;
  };

  /** Who waits for quiet hours and who was excluded, for the progress view. */
  const pacingStatus = (
    campaignId: number,
    pending: number,
    skipped: number,
  ): Pick<SendProgress, 'quiet' | 'excluded'> => {
    const p = pending > 0 ? loadCampaignPacing(store, campaignId) : undefined;
    const quiet = p?.quietHours.window
      ? quietWaitingNow(p, pendingByCountry(store.sqlite, campaignId), clock.now())
      : null;
    return { quiet, excluded: skipped > 0 ? excludedGroups(store.sqlite, campaignId) : [] };
  };

  const status = (campaignId: number): SendProgress => {
    const c = row(campaignId);
    const account = store.first(
      store.q.selectFrom('accounts').select('rate_per_second').where('id', '=', c.account_id),
    );
    const plain = repo.counts(campaignId);
    const held = plain.sent > 0 ? countHeld(store.sqlite, campaignId) : 0;
    const counts = { ...plain, held };
    const rate = account?.rate_per_second ?? 80;
    const delivery = deliveryStatus(store, c);
    return {
      campaignId,
      state: c.state,
      counts,
      ratePerSecond: 0,
      configuredRate: rate,
      etaSeconds:
        counts.pending + counts.sending === 0
          ? 0
          : Math.round((counts.pending + counts.sending) / rate),
      waiting:
        delivery.waiting ??
        (c.state === 'scheduled' && c.scheduled_at
          ? { reason: 'scheduled', message: 'Scheduled.', until: c.scheduled_at }
          : null),
      deferred: delivery.deferred,
      stopAt: delivery.stopAt,
      pauseReason: c.pause_reason,
      at: clock.now(),
      failedByCode: counts.failed > 0 ? failureGroups(store.sqlite, campaignId) : [],
      held,
      ...pacingStatus(campaignId, counts.pending, counts.skipped),
      statusSilence: statusSilence(
        store,
        { id: campaignId, accountId: c.account_id, startedAt: c.started_at, state: c.state },
        counts,
        clock.now(),
      ),
    };
  };

  const mustPass = async (campaignId: number) => {
    const check = await precheck(campaignId);
    if (!check.ok) {
      throw new CoreError(
        'CONFLICT',
        check.items
          .filter((i) => !i.ok && i.severity === 'error')
          .map((i) => i.message)
          .join(' '),
        check,
      );
    }
  };

  return {
    precheck,
    status,

    async start(campaignId: number, scheduleAt?: number): Promise<SendProgress> {
      const c = row(campaignId);
      if (c.state !== 'draft')
        throw new CoreError(
          'CONFLICT',
          `This campaign is ${c.state}; only a draft can be started.`,
        );
      // Checked again in the transaction below; here it answers before the precheck's network call.
      const importing = () => {
        if (hasStagedImport(store.sqlite, campaignId))
          throw new CoreError('CONFLICT', IMPORT_RUNNING);
      };
      importing();
      await mustPass(campaignId);
      const now = clock.now();
      const scheduled = scheduleAt !== undefined && scheduleAt > now + 1000;
      // Targeting (the audience filter, the frequency cap) becomes skipped rows, and the A/B split is
      // drawn, in the same transaction as the state change: a campaign never sends with its exclusions
      // half applied, and a draft that does not start stays whole.
      store.tx(() => {
        if (row(campaignId).state !== 'draft')
          throw new CoreError('CONFLICT', 'This campaign was started meanwhile.');
        // The IMMEDIATE transaction holds the write lock: no import can stage a batch until it ends,
        // so the trigger of migration 100 never raises its raw error at the state change below.
        importing();
        const scope = audienceScope(store, campaignId, now);
        if (scope.problems.length > 0) throw new CoreError('CONFLICT', scope.problems.join(' '));
        applyExclusions(store, scope);
        if (!scope.everybody && repo.counts(campaignId).pending === 0) {
          throw new CoreError(
            'CONFLICT',
            `Nobody is left to send to once ${scope.label} is applied: ${scope.fix}.`,
          );
        }
        // After the exclusions: every recipient still pending gets its A/B variant, then those
        // Meta would not deliver to (by their variant's template) are left out with the reason.
        assignVariants(store, campaignId);
        skipUndeliverable(store, campaignId);
        if (repo.counts(campaignId).pending === 0)
          throw new CoreError(
            'CONFLICT',
            'Nobody will receive this message: see who is left out and why in Review & send.',
          );
        if (scheduled)
          setState(
            campaignId,
            { state: 'scheduled', scheduled_at: scheduleAt, pause_code: null, pause_reason: null },
            ['draft'],
          );
        else
          setState(
            campaignId,
            {
              state: 'sending',
              started_at: now,
              scheduled_at: null,
              pause_code: null,
              pause_reason: null,
            },
            ['draft'],
          );
      });
      if (!scheduled) deps.senders.ensure(campaignId);
      events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId });
      return status(campaignId);
    },

    pause(campaignId: number): SendProgress {
      const c = row(campaignId);
      if (c.state !== 'sending' && c.state !== 'scheduled')
        throw new CoreError('CONFLICT', `This campaign is ${c.state}; it cannot be paused.`);
      setState(
        campaignId,
        { state: 'paused', pause_code: 'USER', pause_reason: 'Paused by you.' },
        ['sending', 'scheduled'],
      );
      deps.senders.wake(campaignId);
      return status(campaignId);
    },

    async resume(campaignId: number): Promise<SendProgress> {
      const c = row(campaignId);
      if (c.state !== 'paused')
        throw new CoreError(
          'CONFLICT',
          `This campaign is ${c.state}; only a paused campaign can be resumed.`,
        );
      // Everyone was handled before the pause (the last sends went out as it was pressed): there is
      // nothing to check or send, so resuming finishes the campaign instead of refusing.
      const left = repo.counts(campaignId);
      if (left.pending + left.sending === 0) {
        const now = clock.now();
        setState(
          campaignId,
          {
            state: 'completed',
            completed_at: now,
            pause_code: null,
            pause_reason: null,
            started_at: c.started_at ?? now,
          },
          ['paused'],
        );
        return status(campaignId);
      }
      await mustPass(campaignId);
      setState(
        campaignId,
        {
          state: 'sending',
          pause_code: null,
          pause_reason: null,
          started_at: c.started_at ?? clock.now(),
        },
        ['paused'],
      );
      deps.senders.ensure(campaignId);
      return status(campaignId);
    },

    async cancel(campaignId: number): Promise<SendProgress> {
      const c = row(campaignId);
      if (!['scheduled', 'sending', 'paused'].includes(c.state))
        throw new CoreError('CONFLICT', `This campaign is ${c.state}; it cannot be cancelled.`);
      setState(campaignId, { state: 'cancelled', completed_at: clock.now() }, [
        'scheduled',
        'sending',
        'paused',
      ]);
      deps.senders.wake(campaignId);
      // Let requests in flight finish and unsent claims return to the queue, then close the queue.
      await deps.senders.settled(campaignId);
      store.run(
        store.q
          .updateTable('recipients')
          .set({
            state: 'skipped',
            skip_reason: 'Campaign cancelled before this message was sent.',
          })
          .where('campaign_id', '=', campaignId)
          .where('state', '=', 'pending'),
      );
      events.emit('db.changed', { tables: ['campaigns', 'recipients'], campaignId });
      return status(campaignId);
    },

    resendUnknown(campaignId: number): { requeued: number } {
      const c = row(campaignId);
      if (c.state === 'cancelled' || c.state === 'draft')
        throw new CoreError('CONFLICT', `This campaign is ${c.state}.`);
      const requeued = store.run(
        store.q
          .updateTable('recipients')
          .set({ state: 'pending', next_attempt_at: null, error_code: null, error_title: null })
          .where('campaign_id', '=', campaignId)
          .where('state', '=', 'unknown'),
      ).changes;
      if (requeued > 0 && c.state === 'completed') {
        setState(campaignId, { state: 'sending', completed_at: null }, ['completed']);
        deps.senders.ensure(campaignId);
      } else if (requeued > 0 && c.state === 'sending') deps.senders.ensure(campaignId);
      events.emit('db.changed', { tables: ['recipients'], campaignId });
      return { requeued };
    },

    /** Sends the mapped message once to the user's own number; nothing is recorded on the campaign. */
    async testSend(
      campaignId: number,
      phone: string,
      recipientId?: number,
    ): Promise<TestSendResult> {
      const c = row(campaignId);
      const account = store.first(
        store.q.selectFrom('accounts').select('default_country').where('id', '=', c.account_id),
      );
      const to = normalizePhone(phone, c.default_country ?? account?.default_country ?? null);
      if (!to.ok)
        return {
          ok: false,
          to: null,
          code: null,
          message: to.reason,
          action: 'Type your number with its country code, e.g. +44 7911 123456.',
        };
      const loaded = loadCampaignMessages(store, campaignId);
      if (!loaded.ok)
        return {
          ok: false,
          to: to.e164,
          code: null,
          message: loaded.reason,
          action: 'Choose and map a template first.',
        };
      const sample = store.first(
        store.q
          .selectFrom('recipients')
          .select(['id', 'fields_json', 'variant'])
          .where('campaign_id', '=', campaignId)
          .$if(recipientId !== undefined, (q) => q.where('id', '=', recipientId!))
          .orderBy('id')
          .limit(1),
      );
      const fields = sample ? (JSON.parse(sample.fields_json) as Record<string, string>) : {};
      // The sample recipient's own A/B variant, so the test shows what that customer gets.
      const message = loaded.value.forVariant(
        sample ? recipientVariant(readVariants(store, campaignId).setting, sample) : 'A',
      );
      if (!message)
        return {
          ok: false,
          to: to.e164,
          code: null,
          message: "That recipient's variant is no longer part of this campaign.",
          action: 'Check the variants in the Message tab.',
        };
      const composed = message.compose(
        { phone: to.e164, fields },
        { callbackData: `cd:${campaignId}:test` },
      );
      if (!composed.ok)
        return {
          ok: false,
          to: to.e164,
          code: null,
          message: composed.problems.map((p) => p.message).join(' '),
          action: 'Fix the mapping, then try again.',
        };
      const client = await deps.clients.clientFor(c.account_id);
      const sent = await client.sendTemplate(composed.body);
      if (sent.ok) return { ok: true, wamid: sent.wamid, to: to.e164 };
      return {
        ok: false,
        to: to.e164,
        code: sent.code,
        message: sent.failure.entry.explanation,
        action: sent.failure.entry.action,
      };
    },
  };
}
