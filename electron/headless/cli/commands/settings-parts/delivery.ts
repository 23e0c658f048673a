import type { MethodInput } from '../../../../../shared/api';
import { DEFER_DAYS_MAX, parseStopAfter } from '../../../../../shared/domain/delivery';
import { call, str, UsageError } from '../../framework';
import type { SettingsPart } from './types';
import { human, noun } from '../../format';

/** Deferred retries of WhatsApp's per-user limit and stop-after on `campaigns settings` (issue 17). */
export const deliveryPart: SettingsPart = {
  usage: '[--defer-days N|off] [--stop-after 48h|ISO-TIME|off]',
  options: { 'defer-days': { type: 'string' }, 'stop-after': { type: 'string' } },
  async apply(ctx, core, campaignId) {
    const daysRaw = str(ctx, 'defer-days');
    const stopRaw = str(ctx, 'stop-after');
    if (daysRaw === undefined && stopRaw === undefined) return null;
    const input: MethodInput<'campaigns.setDelivery'> = { campaignId };
    const changed: string[] = [];
    if (daysRaw !== undefined) {
      const v = daysRaw.trim().toLowerCase();
      if (v === 'off') input.deferDays = null;
      else if (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= DEFER_DAYS_MAX)
        input.deferDays = Number(v);
      else
        throw new UsageError(
          `--defer-days must be 1 to ${DEFER_DAYS_MAX} or "off" (not "${daysRaw}").`,
        );
      changed.push('retries of limited messages');
    }
    if (stopRaw !== undefined) {
      // The core judges "in the future" by its own clock (campaigns.setDelivery).
      const parsed = parseStopAfter(stopRaw, null);
      if (!parsed.ok) throw new UsageError(`--stop-after: ${parsed.message}`);
      input.stopAfter = parsed.value;
      changed.push('stop after');
    }
    await call(core, 'campaigns.setDelivery', input);
    return changed.join(', ');
  },
  async describe(_ctx, core, campaignId) {
    const v = await call(core, 'campaigns.delivery', { campaignId });
    const days =
      v.deferDays === null
        ? 'Limited by WhatsApp: not retried (off).'
        : `Limited by WhatsApp: retried once a day for up to ${human().countOf(v.deferDays, noun('day'))} (never US numbers).`;
    const stop =
      v.stopAfter === null
        ? v.offerEndsAt !== null
          ? `Stop after: when the offer ends, ${new Date(v.offerEndsAt).toISOString()}.`
          : 'Stop after: never.'
        : v.stopAt !== null
          ? `Stop after: ${new Date(v.stopAt).toISOString()}.`
          : `Stop after: ${human().countOf('afterMinutes' in v.stopAfter ? v.stopAfter.afterMinutes : 0, noun('minute'))} from the start.`;
    return { key: 'delivery', value: v, text: `${days}\n${stop}` };
  },
};
