import type { SendRoute } from '../../../../shared/api';
import type { CloudApiClient, SendOutcome } from '../../cloud-api';
import type { MarketingMessageFields } from '../../cloud-api/send';
import type { Claimed } from '../repo';

export type SendBody = Parameters<CloudApiClient['sendTemplate']>[0];

export interface SendDeps {
  client: Pick<CloudApiClient, 'sendTemplate'> & Partial<Pick<CloudApiClient, 'sendMarketing'>>;
  /** What every Marketing Messages API send adds to the body (the account's settings). */
  marketingFields?: MarketingMessageFields;
  /** Each answer, in the order they arrive; classified and recorded by the caller (outcome.ts). */
  onOutcome: (r: Claimed, outcome: SendOutcome, route: SendRoute) => void;
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
    /** `route`: marketing_messages only for marketing templates (shared/domain/accounts/marketing-route.ts). */
    start(r: Claimed, body: SendBody, route: SendRoute = 'cloud'): void {
      inFlight++;
      const { sendMarketing } = d.client;
      const request =
        route === 'marketing_messages' && sendMarketing
          ? sendMarketing({ ...body, ...d.marketingFields })
          : d.client.sendTemplate(body);
      void request.then(
        (outcome) => {
          inFlight--;
          d.onOutcome(r, outcome, sendMarketing ? route : 'cloud');
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
