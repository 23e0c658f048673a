import {
  CoreError,
  type AccountPacingDefaults,
  type PacingView,
  type ParsedInput,
  type Precheck,
  type PrecheckItem,
} from '../../../shared/api';
import { describeWindow, formatDuration, normalizeClockTime } from '../../../shared/domain/pacing';
import { listPacingDefaults } from '../accounts/quiet-defaults';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import type { EventBus } from '../events';
import { createFrequencyCapQueries } from './pacing-exclusion';
import { loadCampaignPacing, type CampaignPacing } from './pacing-settings';
import { buildPacingView } from './pacing-view';
import { writeSetting } from './settings';
import type { Reach } from '../templates/reach';

const DRAFT = ['draft'] as const;
const DRAFT_OR_PAUSED = ['draft', 'paused'] as const;

/** Frequency cap, quiet hours and spread of campaigns: reading, changing, and applying them at start. */
export function createPacingService(deps: {
  store: Store;
  clock: Clock;
  events: EventBus;
  reach: Reach;
}) {
  const { store, clock, events } = deps;
  const cap = createFrequencyCapQueries(store.sqlite);

  const load = (campaignId: number): CampaignPacing => {
    const p = loadCampaignPacing(store, campaignId);
    if (!p) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    return p;
  };

  // A draft's quiet-hours table and spread count who will receive the message, as every other
  // figure does; once started, the pending rows are exactly those.
  const willReceive = async (p: CampaignPacing) =>
    p.state === 'draft'
      ? new Map(Object.entries((await deps.reach(p.campaignId)).summary.willReceiveByCountry))
      : undefined;
  const view = async (campaignId: number): Promise<PacingView> => {
    const p = load(campaignId);
    return buildPacingView(store.sqlite, cap, p, clock.now(), await willReceive(p));
  };

  return {
    view,

    /** Each part is checked against the campaign's state: the cap only while draft, the rest also while paused. */
    set(input: ParsedInput<'campaigns.setPacing'>): Promise<PacingView> {
      const now = clock.now();
      store.tx(() => {
        load(input.campaignId);
        if (input.frequencyCap !== undefined) {
          writeSetting(
            store,
            input.campaignId,
            'frequencyCap',
            input.frequencyCap ?? undefined,
            now,
            { allowedStates: DRAFT },
          );
        }
        if (input.quietHours !== undefined) {
          const q = input.quietHours;
          const value = q && {
            enabled: q.enabled,
            from: normalizeClockTime(q.from),
            to: normalizeClockTime(q.to),
            zones: q.zones,
          };
          writeSetting(store, input.campaignId, 'quietHours', value ?? undefined, now, {
            allowedStates: DRAFT_OR_PAUSED,
          });
        }
        if (input.spread !== undefined) {
          const value = input.spread && {
            durationMinutes: input.spread.durationMinutes,
            setAt: now,
          };
          writeSetting(store, input.campaignId, 'spread', value ?? undefined, now, {
            allowedStates: DRAFT_OR_PAUSED,
          });
        }
      });
      events.emit('db.changed', { tables: ['campaigns'], campaignId: input.campaignId });
      return view(input.campaignId);
    },

    defaults(): AccountPacingDefaults[] {
      return listPacingDefaults(store);
    },

    /**
     * Adds what pacing will do to the prechecks. `sendable` already leaves the frequency cap's exclusions
     * out (the cap is one of the audience scope's exclusions, applied at start with the filter's).
     */
    async withPrecheck(campaignId: number, base: Precheck): Promise<Precheck> {
      const p = loadCampaignPacing(store, campaignId);
      if (!p) return base;
      const now = clock.now();
      const items: PrecheckItem[] = [...base.items];
      const add = (
        id: PrecheckItem['id'],
        ok: boolean,
        message: string,
        severity: PrecheckItem['severity'],
      ) => items.push({ id, ok, message, severity });
      const view = buildPacingView(store.sqlite, cap, p, now, await willReceive(p));
      const excluded = view.frequencyCap.wouldExclude;
      const days = p.frequencyCap.days === 1 ? 'day' : `${p.frequencyCap.days} days`;
      if (excluded > 0 && base.sendable === 0) {
        add(
          'frequency_cap',
          false,
          `Everybody left to send got a message from this account in the last ${days}, so the frequency cap would exclude all ${excluded.toLocaleString('en')}. Lower the cap or turn it off to send to them anyway.`,
          'error',
        );
      } else if (excluded > 0) {
        add(
          'frequency_cap',
          true,
          `${excluded.toLocaleString('en')} recipients got a message from this account in the last ${days} and will be excluded (frequency cap).`,
          'warning',
        );
      }
      if (p.quietHours.window) {
        const countries = view.quietHours.countries;
        const never = countries.filter((c) => c.opensAt === null);
        const quietNow = countries.filter((c) => c.quietNow).reduce((a, c) => a + c.recipients, 0);
        const window = describeWindow(p.quietHours.window);
        if (never.length > 0) {
          add(
            'quiet_hours',
            false,
            `With quiet hours ${window}, ${never.map((c) => c.name).join(', ')} ${never.length === 1 ? 'is' : 'are'} always in quiet hours in at least one of its time zones: choose one time zone for it, or its recipients will wait.`,
            'warning',
          );
        }
        if (quietNow > 0) {
          add(
            'quiet_hours',
            true,
            `${quietNow.toLocaleString('en')} recipients are in quiet hours (${window} their time) right now: they wait for their window while the others are sent.`,
            'warning',
          );
        }
        if (countries.some((c) => c.rule === 'any')) {
          add(
            'quiet_hours',
            true,
            'For countries with several time zones and none chosen, a recipient waits while it is quiet in any of them.',
            'warning',
          );
        }
      }
      if (p.spread) {
        const r = view.spread.ratePerSecond ?? 0;
        const over = formatDuration(p.spread.durationMinutes);
        const every =
          r > 0
            ? r >= 1
              ? `about ${Math.round(r)} per second`
              : `about one every ${Math.round(1 / r).toLocaleString('en')} s`
            : 'nothing left to send';
        add(
          'spread',
          true,
          r >= p.accountRate
            ? `Spread over ${over}: that needs more than this account's ${p.accountRate} messages per second, so it will take longer.`
            : `Spread over ${over}: ${every}.`,
          'warning',
        );
      }
      return {
        ok: items.every((i) => i.ok || i.severity === 'warning'),
        items,
        sendable: base.sendable,
      };
    },
  };
}
