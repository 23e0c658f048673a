import type { MappingSource } from './mapping';
import { parseOfferExpiry } from './offer-expiry';
import type { Slot } from './slots';

/**
 * A carousel card's media and an offer's expiry take a column or a fixed value, checked here once
 * for the whole campaign (each recipient's cell is checked by validateRecipient).
 */
export function specialMappingProblems(
  slot: Slot,
  src: MappingSource,
  columns: readonly string[],
): string[] {
  if (src.kind === 'location') return [`${slot.key} needs ${what(slot)}, not a place.`];
  if (src.kind === 'column') {
    return columns.includes(src.column)
      ? []
      : [`${slot.key} is mapped to the column "${src.column}", which this audience does not have.`];
  }
  if (src.kind === 'media' && src.media.type !== 'link') {
    // Meta's carousel send page shows media by id or link; per-recipient uploads of every card are
    // not what a campaign should do, so a card takes a link everyone's phone can fetch.
    return [
      `${slot.key} is a file on this computer; a card needs a link to its ${kind(slot)} (https://…).`,
    ];
  }
  const fixed = src.kind === 'static' ? src.value : src.media.type === 'link' ? src.media.url : '';
  if (fixed.trim() === '') return [`${slot.key} is set to an empty text.`];
  if (slot.kind === 'card_media') {
    return /^https?:\/\/\S+$/i.test(fixed.trim())
      ? []
      : [`${slot.key} must be a link to the ${kind(slot)}, starting with https://.`];
  }
  const expiry = parseOfferExpiry(fixed);
  return expiry.ok ? [] : [`${slot.key}: ${expiry.error}`];
}

const kind = (slot: Slot): string => (slot.mediaFormat === 'VIDEO' ? 'video' : 'image');
const what = (slot: Slot): string =>
  slot.kind === 'card_media' ? `a link to the ${kind(slot)}` : 'a date and time';
