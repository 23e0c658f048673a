import { parseOfferExpiry } from '../templates/offer-expiry';

/**
 * Issue 17 item 3: a limited-time offer's campaign stops when the offer ends, unless a stop-after
 * was chosen: a flash sale must not arrive after the sale. Only an expiry that is one fixed time for
 * everyone (the mapping's `offer.expiry` as a fixed value) gives the campaign an end; an expiry read
 * from a column differs per person and leaves the campaign's end to its own stop-after.
 */
export function offerEndsAt(mappingJson: string | null | undefined): number | null {
  if (!mappingJson) return null;
  let mapping: unknown;
  try {
    mapping = JSON.parse(mappingJson);
  } catch {
    return null;
  }
  if (typeof mapping !== 'object' || mapping === null) return null;
  const source = (mapping as Record<string, unknown>)['offer.expiry'];
  if (typeof source !== 'object' || source === null) return null;
  const s = source as { kind?: unknown; value?: unknown };
  if (s.kind !== 'static' || typeof s.value !== 'string') return null;
  const parsed = parseOfferExpiry(s.value);
  return parsed.ok ? parsed.ms : null;
}
