import type { CloudApiClient, SendOutcome } from '../../cloud-api';
import type { Claimed } from '../repo';

export type SendBody = Parameters<CloudApiClient['sendTemplate']>[0];

export interface SendDeps {
  client: Pick<CloudApiClient, 'sendTemplate'>;
  /** Each answer, in the order they arrive; classified and recorded by the caller (outcome.ts). */
  onOutcome: (r: Claimed, outcome: SendOutcome) => void;
  /** The client threw (no token source, a bug): nothing was sent for `r`. */
  onError: (r: Claimed, error: unknown) => void;
  /** After every answer, so a loop waiting for a free slot goes on at once. */
  settled: () => void;
}

/**
 * The send stage: starts one request without waiting for it, with a count of requests in flight
 * (the loop caps it) and a promise that resolves when none is left.
 */
export function createSendStage(d: SendDeps) {
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    start(r: Claimed, body: SendBody): void {
      inFlight++;
      void d.client.sendTemplate(body).then(
        (outcome) => {
          inFlight--;
          d.onOutcome(r, outcome);
          d.settled();
        },
        (e: unknown) => {
          inFlight--;
          d.onError(r, e);
          d.settled();
        },
      );
    },
  };
}
