import type { DeliveryView } from '../../../../../shared/api/methods/delivery';
import type { Format } from '../../../../../shared/format';

/** What the campaign's stop-after means now, in a sentence ("Stops sending 24/12/2026, 18:00."). */
export function stopAfterText(view: DeliveryView, f: Format): string {
  const s = view.stopAfter;
  if (!s && view.offerEndsAt !== null)
    return `Stops sending when the offer ends, ${f.date(view.offerEndsAt, 'dateTime')}: nothing is sent or retried after that. Set another time to change it.`;
  if (!s) return 'No end: it sends until everyone is handled.';
  if (view.stopAt !== null)
    return `Stops sending ${f.date(view.stopAt, 'dateTime')}: nothing is sent or retried after that.`;
  if ('afterMinutes' in s)
    return `Stops sending ${f.duration(s.afterMinutes * 60)} after it starts: nothing is sent or retried after that.`;
  return 'Stops sending at the time set.';
}
