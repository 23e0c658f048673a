import type { MediaRef } from '../../../../shared/domain/templates';
import {
  recipientCallbackData,
  type CampaignMessage,
  type CampaignMessages,
} from '../../templates/compose';
import type { Claimed } from '../repo';

export type Composed = ReturnType<CampaignMessage['compose']>;

/**
 * The compose stage: a claimed recipient's request, from its own A/B variant's message (A for
 * recipients without one) with that variant's header media. A recipient that cannot be composed is
 * skipped with the reason, never sent half-filled.
 */
export function composeClaimed(
  messages: CampaignMessages,
  media: ReadonlyMap<CampaignMessage, MediaRef>,
  campaignId: number,
  r: Claimed,
  /** The core clock's time: a limited-time offer that has ended is not sent. */
  now?: number,
): Composed {
  let fields: Record<string, string>;
  try {
    fields = JSON.parse(r.fieldsJson) as Record<string, string>;
  } catch {
    return {
      ok: false,
      problems: [{ code: 'EMPTY_PARAMETER', message: 'Its imported fields cannot be read.' }],
    };
  }
  // The recipient's language among the template family, when the campaign picks one per recipient.
  const message =
    messages.forRecipient?.({ fields, country: r.country ?? null }) ??
    messages.forVariant(r.variant ?? null);
  if (!message)
    return {
      ok: false,
      problems: [
        {
          code: 'EMPTY_PARAMETER',
          message: `Its A/B variant ${r.variant ?? ''} is no longer part of this campaign.`,
        },
      ],
    };
  const m = media.get(message);
  return message.compose(
    { phone: r.phone, fields },
    {
      callbackData: recipientCallbackData(campaignId, r.id),
      ...(m ? { media: m } : {}),
      ...(now !== undefined ? { now } : {}),
    },
  );
}
