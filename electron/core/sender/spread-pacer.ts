import type { QuietWaiting, SendWaiting } from '../../../shared/api';
import { countryName } from '../../../shared/domain/pacing';
import type { PacingRun } from '../campaigns/pacing-run';
import { groupsFor } from '../campaigns/pacing-run';
import { capSince } from './frequency-cap';
import { createQuietGate, quietWaiting, type QuietGroup } from './quiet-hours';
import type { ClaimOptions, SendRepo } from './repo';
import { spreadRateNow } from './spread';

/** How often a spread campaign's rate is worked out again. */
const RATE_EVERY_MS = 10_000;
/** Pending counts per country are re-read at most this often (more rarely when the read is slow). */
const COUNTS_EVERY_MS = 5_000;

/**
 * The pacing of one run of the send loop: which countries may be claimed now (quiet hours), the
 * frequency cap checked at claim, the rate of a spread campaign, and who waits and until when.
 * Work happens per claim and on timers, never per message.
 */
export function createRunPacer(o: {
  repo: SendRepo;
  campaignId: number;
  run: PacingRun;
  /** The account's rate as the token bucket holds it (the most a spread may use). */
  maxRate: number;
  monotonic: () => number;
}) {
  const { repo, campaignId, run } = o;
  let groups: QuietGroup[] = run.groups;
  let gate = createQuietGate(run.window, groups);
  const counting = run.window !== null || run.deadline !== null;
  let pending: Map<string, number> = new Map();
  let countsAt = -Infinity;
  let countCostMs = 0;
  let rate = o.maxRate;
  let rateAt = -Infinity;
  let quiet: QuietWaiting | null = null;

  const recount = () => {
    const t = o.monotonic();
    pending = repo.pendingByCountry(campaignId);
    countCostMs = o.monotonic() - t;
    countsAt = o.monotonic();
    // Recipients of a country this run has not seen yet (re-sent unknowns): give them a group.
    if (run.window && [...pending.keys()].some((k) => !groups.some((g) => g.key === k))) {
      groups = groupsFor(
        [...groups.map((g) => g.key), ...pending.keys()],
        run.chosenZones,
        run.fallbackCountry,
      );
      gate = createQuietGate(run.window, groups);
    }
  };

  return {
    /** Brings counts, quiet states and the spread rate up to date; cheap when nothing is due. */
    refresh(now: number, remaining: number): void {
      if (counting && o.monotonic() - countsAt >= Math.max(COUNTS_EVERY_MS, countCostMs * 100))
        recount();
      const state = gate.enabled ? gate.at(now) : null;
      quiet = state ? quietWaiting(groups, state, pending) : null;
      if (run.deadline !== null && o.monotonic() - rateAt >= RATE_EVERY_MS) {
        const r = spreadRateNow({
          now,
          deadline: run.deadline,
          maxRate: o.maxRate,
          window: run.window,
          groups,
          gate: state,
          pending: run.window ? pending : new Map([['*', remaining]]),
        });
        // Nobody to send now: no pacing, so the loop claims, finds nothing and completes or waits
        // for quiet hours; worked out again at the next refresh, the moment someone can be sent.
        rate = r ?? o.maxRate;
        rateAt = r === null ? -Infinity : o.monotonic();
      }
    },
    recount,
    /** Messages per second to send at: the account's rate, or less for a spread campaign. */
    rate: () => rate,
    spreading: run.deadline !== null,
    quiet: () => quiet,
    claimOptions(now: number): ClaimOptions {
      const state = gate.enabled ? gate.at(now) : null;
      return {
        ...(state?.anyQuiet ? { countries: state.open } : {}),
        ...(run.cap.enabled
          ? {
              cap: {
                since: capSince(now, run.cap),
                accountId: run.accountId,
                reason: run.cap.reason,
              },
            }
          : {}),
      };
    },
    /**
     * When nothing can be claimed: whether recipients wait for quiet hours, and until when. Asks the
     * database (not the counts, which may be seconds old) so a campaign never completes while some wait.
     */
    heldBack(now: number): SendWaiting | null {
      const state = gate.enabled ? gate.at(now) : null;
      if (!state?.anyQuiet || !repo.pendingIn(campaignId, state.quiet)) return null;
      if (!quiet) recount();
      quiet = quietWaiting(groups, state, pending);
      const until = quiet?.until ?? null;
      const never = quiet?.groups.filter((g) => g.until === null) ?? [];
      const message =
        until === null
          ? `Everyone left to send is in quiet hours, and ${never.map((g) => g.name).join(', ')} never leave them with these settings: pause the campaign and choose one time zone per country, or shorten the quiet hours.`
          : `Everyone left to send is in quiet hours in their time zone; sending goes on by itself when they end${quiet && quiet.groups.length === 1 && quiet.groups[0]!.country ? ` in ${countryName(quiet.groups[0]!.country)}` : ''}.`;
      return { reason: 'quiet', message, until };
    },
  };
}
