import { campaignBlock } from './campaign-block';
import { offerOf } from './components';
import { parseOfferExpiry } from './offer-expiry';
import type { ResolvedValue } from './resolve';
import type { Slot } from './slots';
import type { Template } from './types';
import type { Problem } from './validate';

/**
 * Coupon codes: ≤15 characters on a limited-time offer (verified: Meta's "Limited-time offer
 * templates" page, offer code); ≤20 elsewhere (Meta's "Coupon code templates" page gives 20 for the
 * example code; that the same bound holds at send time is assumed).
 */
export const LTO_COUPON_MAX_CHARS = 15;
export const COUPON_MAX_CHARS = 20;

const isLink = (s: string): boolean => /^https?:\/\/\S+$/i.test(s.trim());

/** Template-wide refusals: templates a campaign cannot send at all. */
export function templateWideProblems(t: Template): Problem[] {
  const block = campaignBlock(t);
  return block ? [{ code: 'TEMPLATE_NOT_SENDABLE', message: block }] : [];
}

/**
 * The rules of the slots that only limited-time offers, copy-code buttons and carousels have;
 * returns true when it handled the slot (so the generic text rules are skipped).
 */
export function specialSlotRules(
  t: Template,
  slot: Slot,
  v: ResolvedValue | undefined,
  who: string,
  now: number,
  problems: Problem[],
): boolean {
  const value = v && !v.missing ? v.value.trim() : '';
  if (slot.kind === 'card_media') {
    const what = `card ${(slot.card ?? 0) + 1}`;
    const kind = slot.mediaFormat === 'VIDEO' ? 'video' : 'image';
    if (value === '')
      problems.push({
        code: 'MEDIA_MISSING',
        slot: slot.key,
        message: `No ${kind} is chosen for ${what}.`,
      });
    else if (!isLink(value))
      problems.push({
        code: 'CARD_MEDIA_NOT_A_LINK',
        slot: slot.key,
        message: `${who} must be a link to the ${kind} (starting with https://), not "${value.slice(0, 40)}".`,
      });
    return true;
  }
  if (slot.kind === 'offer_expiry') {
    if (value === '') {
      problems.push({ code: 'EMPTY_PARAMETER', slot: slot.key, message: `${who} is empty.` });
      return true;
    }
    const expiry = parseOfferExpiry(value);
    if (!expiry.ok)
      problems.push({
        code: 'OFFER_EXPIRY_INVALID',
        slot: slot.key,
        message: `${who}: ${expiry.error}`,
      });
    else if (expiry.ms <= now)
      problems.push({
        code: 'OFFER_EXPIRED',
        slot: slot.key,
        message: `${who} (${new Date(expiry.ms).toISOString().replace('.000Z', 'Z')}) is already past: WhatsApp would show an offer that has ended.`,
      });
    return true;
  }
  if (slot.kind === 'coupon_code' && value !== '') {
    const max = offerOf(t) ? LTO_COUPON_MAX_CHARS : COUPON_MAX_CHARS;
    const length = Array.from(value).length;
    if (length > max)
      problems.push({
        code: 'COUPON_TOO_LONG',
        slot: slot.key,
        message: `${who} is ${length} characters long; WhatsApp allows codes of at most ${max}${offerOf(t) ? ' on a limited-time offer' : ''}.`,
      });
  }
  return false;
}
