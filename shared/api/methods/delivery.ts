import { z } from 'zod';
import { deferDaysSetting, stopAfterSetting, type DeliverySetting } from '../../domain/delivery';
import { id } from '../models';
import { method } from './define';

/** A campaign's deferred retries and stop-after (issue 17 items 2–3), with what they mean now. */
export interface DeliveryView extends DeliverySetting {
  campaignId: number;
  /**
   * When sending stops (a duration counts from the start: null before it). Without a stop-after of
   * its own, a limited-time offer with one fixed expiry stops when the offer ends.
   */
  stopAt: number | null;
  /** When the campaign's limited-time offer ends, if it is one fixed time for everyone. */
  offerEndsAt: number | null;
}

const byCampaign = z.object({ campaignId: id }).strict();
const setDeliveryInput = z
  .object({
    campaignId: id,
    /** Days a recipient limited by WhatsApp is retried (1–7); null: off. */
    deferDays: deferDaysSetting.nullable().optional(),
    /** null: no end. */
    stopAfter: stopAfterSetting.nullable().optional(),
  })
  .strict();

export const deliveryMethods = {
  'campaigns.delivery': method<typeof byCampaign, DeliveryView>(byCampaign),
  /** While draft, scheduled or paused (a sending campaign is paused first). */
  'campaigns.setDelivery': method<typeof setDeliveryInput, DeliveryView>(setDeliveryInput),
};
