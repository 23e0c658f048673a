import { DAY_MS } from '../../../shared/domain/pacing';

/**
 * "Got a message from this account": a recipient of ANOTHER campaign of the same account (the same
 * business phone number), with the same phone, accepted by Meta (sent_at set) after @since. A send
 * that failed is left out: the person never received it (this is what lets "retry failed" drafts
 * of a marketing campaign reach the people it missed). Unknown and expired sends count, since they
 * may have arrived. Looked up through recipients_phone_sent (phone, sent_at), one seek per recipient.
 *
 * `r` is the recipient being checked. Parameters: @since (Unix ms), @accountId.
 */
export const RECENT_SEND_EXISTS = `EXISTS (
  SELECT 1 FROM recipients o JOIN campaigns oc ON oc.id = o.campaign_id
  WHERE o.phone = r.phone AND o.sent_at > @since AND o.campaign_id <> r.campaign_id
    AND oc.account_id = @accountId AND o.state <> 'failed')`;

/** The start of the cap's window at `now`; with the cap off, a time no send can be after. */
export function capSince(now: number, cap: { enabled: boolean; days: number }): number {
  return cap.enabled ? now - cap.days * DAY_MS : Number.MAX_SAFE_INTEGER;
}
