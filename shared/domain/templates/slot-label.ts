import type { Slot } from './slots';

/**
 * A slot as the Message form names it ("Body {{order_number}}", "Button 1: end of the link
 * {{1}}"), for every screen that talks about slots (issue 15 item 8). The CLI keeps the keys
 * (`body.order_number`): they are what `--var key=…` takes there.
 */
export function slotLabel(slot: Slot): string {
  const v = `{{${slot.name}}}`;
  if (slot.card !== undefined) {
    const card = `Card ${slot.card + 1}`;
    if (slot.kind === 'card_media')
      return `${card} ${slot.mediaFormat === 'VIDEO' ? 'video' : 'image'}`;
    if (slot.kind === 'url_suffix')
      return `${card} button ${(slot.buttonIndex ?? 0) + 1}: end of the link ${v}`;
    return `${card} text ${v}`;
  }
  switch (slot.kind) {
    case 'offer_expiry':
      return 'Offer expiry';
    case 'media':
      return `Header ${String(slot.mediaFormat ?? 'media').toLowerCase()}`;
    case 'location':
      return 'Header place';
    case 'url_suffix':
      return `Button ${(slot.buttonIndex ?? 0) + 1}: end of the link ${v}`;
    case 'coupon_code':
      return `Button ${(slot.buttonIndex ?? 0) + 1}: code to copy`;
    default:
      return `${slot.component === 'header' ? 'Header' : 'Body'} ${v}`;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The core's messages name slots by key; on screen they read in the form's words. Keys are
 * replaced whole (not inside a longer key: `body.1` in `body.10` stays), longest first.
 */
export function inFormWords(text: string, slots: readonly Slot[]): string {
  if (slots.length === 0) return text;
  const byKey = new Map(slots.map((s) => [s.key, slotLabel(s)]));
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\w.])(${keys.join('|')})(?![\\w])`, 'g');
  return text.replace(pattern, (key) => byKey.get(key) ?? key);
}
