/**
 * What the sender does with a failed send. Decided from Meta's numeric `code` only (cloud-api.md §2.1:
 * titles, subcodes and HTTP statuses are not stable), except when no code exists at all.
 *
 * The classes describe a SYNCHRONOUS rejection, where nothing was sent. When the same code arrives in a
 * status webhook the message was already accepted and has now failed: the recipient is failed whatever
 * the class, but 'pause_campaign' still pauses, `suppress` still suppresses, and the class still decides
 * whether a "retry failed" follow-up may include the recipient (see retry-failed.ts).
 */
export type FailureHandling =
  /** The whole loop backs off (throughput, temporary outage, unknown, network); the recipient stays queued. */
  | 'retry_later'
  /** Only this recipient waits (pair rate 131056: 4^x seconds); everybody else keeps going. */
  | 'retry_recipient'
  /** Something about this recipient; resending the same message will fail the same way. */
  | 'fail_recipient'
  /** Every remaining recipient would fail the same way: stop and let a person fix the cause. */
  | 'pause_campaign';

export const FAILURE_HANDLINGS: readonly FailureHandling[] = [
  'retry_later',
  'retry_recipient',
  'fail_recipient',
  'pause_campaign',
];

export interface CatalogueEntry {
  /** Meta's `error.code`; null when the failure carried no code (network error, bare HTTP status). */
  readonly code: number | null;
  /** A few words for a table cell. */
  readonly title: string;
  /** What happened, in words a shop owner understands. */
  readonly explanation: string;
  /** The concrete next step for that person. */
  readonly action: string;
  readonly handling: FailureHandling;
  /** Add the contact to the suppression list: sending again would go against the person's wish. */
  readonly suppress?: true;
  /** Earliest a "retry failed" follow-up may include this recipient, counted from the failure. */
  readonly retryAfterHours?: number;
  /** Only marketing templates are affected: a utility template to the same person can still work. */
  readonly marketingOnly?: true;
  /** For 'retry_later': how many extra attempts one recipient gets before it is failed. Absent = no cap. */
  readonly retryLimit?: number;
  /** For 'retry_later': lower the send rate, not only wait (we are the ones going too fast). */
  readonly slowDown?: true;
  /**
   * Meta's documented minimum wait: before the loop tries again ('retry_later') or before resuming
   * makes sense ('pause_campaign').
   */
  readonly waitSeconds?: number;
}
