import { z } from 'zod';
import { parseTierRange } from '../pricing/volume-tiers';
import { addProblem, type ParsedObservations } from './types';

/**
 * `account_update` with event VOLUME_BASED_PRICING_TIER_UPDATE (VERIFIED: "Tiering webhooks" of
 * Meta's pricing page, updated Mar 30, 2026): the business reached a volume tier for a month, market
 * and category. `tier_update_time` is in seconds; `region` is the market in Meta's words ("India").
 * Other account_update events are not used here and count as ignored.
 */
const tierInfo = z.object({
  tier_update_time: z.number().int().nonnegative(),
  pricing_category: z.string().min(1).max(40),
  tier: z.string().max(40),
  effective_month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  region: z.string().min(1).max(80),
});
const accountUpdate = z.object({ event: z.string().max(80), volume_tier_info: z.unknown() });

export const TIER_EVENT = 'VOLUME_BASED_PRICING_TIER_UPDATE';

export function accountUpdateChange(
  value: unknown,
  wabaId: string | null,
  out: ParsedObservations,
  where: string,
): void {
  const v = accountUpdate.safeParse(value);
  if (!v.success || v.data.event !== TIER_EVENT) {
    out.ignored++;
    return;
  }
  const info = tierInfo.safeParse(v.data.volume_tier_info);
  if (!info.success) return addProblem(out, `${where}: the volume tier update is malformed.`);
  const range = parseTierRange(info.data.tier);
  if (!range)
    return addProblem(out, `${where}: the volume tier "${info.data.tier}" is not lower:upper.`);
  out.observations.push({
    kind: 'tier',
    wabaId,
    month: info.data.effective_month,
    category: info.data.pricing_category.toUpperCase(),
    region: info.data.region.trim(),
    tierFrom: range.from,
    tierTo: range.to,
    at: info.data.tier_update_time,
    raw: value,
  });
}
