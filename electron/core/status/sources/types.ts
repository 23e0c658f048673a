import type { StatusSourceId } from '../../../../shared/api';
import type { Observation } from '../../../../shared/domain/status';

/** What a source may spend on one poll. */
export interface PollBudget {
  /** Requests this poll may make (message_history counts against the user's hourly budget). */
  calls: number;
  signal: AbortSignal;
}

/** One request's worth of observations. */
export interface SourcePage {
  observations: Observation[];
  /** The cursor to persist with these observations (in the same transaction). */
  nextCursor: string | null;
  /** True when the source has more right now: poll again at once (within the budget). */
  more: boolean;
  problems: string[];
  calls: number;
  /** When the source wants to be asked again at the earliest (e.g. Retry-After); null = its normal pace. */
  retryAt?: number | null;
}

/** A failure the poller shows and backs off from; the other sources go on. */
export class SourceError extends Error {
  constructor(
    message: string,
    /** How long to leave the source alone; null = the poller's exponential backoff. */
    readonly backoffMs: number | null = null,
    /** The stored cursor is no good (e.g. the history forgot it): start again from the top. */
    readonly resetCursor = false,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/**
 * One place status comes from. Sources are optional per account and independent: each keeps its own
 * cursor (persisted, so polling survives restarts) and its own health.
 */
export interface StatusSource {
  id: StatusSourceId;
  /** What the cursor belongs to; a cursor taken under another scope is dropped (e.g. a restarted sandbox). */
  scope: string | null;
  poll(cursor: string | null, budget: PollBudget): Promise<SourcePage>;
}
