import type { AnalyticsConfig } from '../../../electron/sandbox';
import { sendHarness, type SendHarness } from '../sending/helpers';
import { SPRING_SALE } from '../status/helpers';

export { SPRING_SALE };

/**
 * The sending harness without background polling: statuses and analytics are fetched when the test
 * says so, so call budgets and paces can be counted exactly. Sandbox delays are tens of ms.
 */
export function analyticsHarness(analytics: AnalyticsConfig = {}): Promise<SendHarness> {
  return sendHarness({
    statusPolling: false,
    sandboxOptions: {
      delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
      analytics: { countDelayMs: 0, ...analytics },
    },
  });
}

/** Sends a spring_sale campaign to these numbers and applies its statuses until none is left to come. */
export async function sentAndSettled(
  h: SendHarness,
  name: string,
  phones: string[],
): Promise<number> {
  const id = await h.campaign(name, phones, SPRING_SALE);
  await h.core.handlers['campaigns.start']({ campaignId: id });
  await h.waitFor(id, ['completed']);
  // The sandbox plays every status out within ~100 ms; two quiet rounds after that mean all are in.
  await new Promise((r) => setTimeout(r, 200));
  for (let quiet = 0, round = 0; quiet < 2; round++) {
    if (round > 100) throw new Error('statuses never settled');
    const r = await h.core.handlers['campaigns.syncStatus']({ campaignId: id });
    quiet = r.applied === 0 ? quiet + 1 : 0;
    await new Promise((res) => setTimeout(res, 30));
  }
  return id;
}

export const rows = (h: SendHarness) =>
  h.core.store.sqlite
    .prepare(
      'SELECT template_meta_id, day_start, sent, delivered, read, clicked_json FROM template_analytics ORDER BY day_start',
    )
    .all() as {
    template_meta_id: string;
    day_start: number;
    sent: number;
    delivered: number;
    read: number;
    clicked_json: string;
  }[];
