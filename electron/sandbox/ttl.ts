import type { Template } from '../../shared/domain/templates';
import type { PlannedStatus } from './delivery';
import { fail } from './errors';
import type { SendRoute } from './marketing-send';

/**
 * Meta's message time-to-live (issue 17 item 5): how long Meta keeps trying to deliver a template
 * message to a phone that is off.
 *
 * Verified on Meta's "Configure message time-to-live" page (developers.facebook.com/documentation/
 * business-messaging/whatsapp/templates/time-to-live, updated May 21, 2026; docs corpus):
 * - the TTL is a property of the TEMPLATE, `message_send_ttl_seconds`, set in POST
 *   /{waba-id}/message_templates and changeable later on the template; not a send field (neither
 *   /messages nor /marketing_messages takes one in meta-openapi-v23.yaml);
 * - ranges: authentication 30–900 s (default 10 min), utility 30–43 200 s (default 30 days),
 *   marketing 43 200–2 592 000 s (12 h – 30 days, default 30 days); −1 means 30 days for
 *   authentication and utility only;
 * - a custom marketing TTL applies only to messages sent through the Marketing Messages API; on
 *   Cloud API marketing messages keep the 30-day default;
 * - when the TTL runs out Meta stops trying: "if you do not receive a delivered status before the TTL
 *   is exceeded, assume the message was dropped" (cloud-api.md §1.6). So no webhook says so: the
 *   sandbox sends none either (the message's `sent` stays its last status).
 * Assumed (no page says): the error Meta answers for a value out of range (100 with a sentence here),
 * and that changing only the TTL of an approved template does not send it back to review.
 */

const DAY_S = 86_400;
export const TTL_DEFAULT_S = 30 * DAY_S;

const RANGES: Readonly<
  Record<string, { min: number; max: number; default: number; minusOne: boolean }>
> = {
  AUTHENTICATION: { min: 30, max: 900, default: 600, minusOne: true },
  UTILITY: { min: 30, max: 43_200, default: TTL_DEFAULT_S, minusOne: true },
  MARKETING: { min: 43_200, max: 30 * DAY_S, default: TTL_DEFAULT_S, minusOne: false },
};

/** `message_send_ttl_seconds` of a template create or edit: undefined when absent; fails when out of range. */
export function readTtlSetting(category: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const range = RANGES[category.toUpperCase()];
  if (!range) return fail(100, `message_send_ttl_seconds cannot be set on ${category} templates.`);
  if (typeof raw !== 'number' || !Number.isInteger(raw))
    return fail(
      100,
      'Invalid parameter: message_send_ttl_seconds must be a whole number of seconds.',
    );
  if (raw === -1 && range.minusOne) return TTL_DEFAULT_S;
  if (raw < range.min || raw > range.max)
    return fail(
      100,
      `Invalid parameter: message_send_ttl_seconds for ${category.toUpperCase()} templates must be ${range.min} to ${range.max}${range.minusOne ? ' or -1' : ''}.`,
    );
  return raw;
}

/** How long Meta tries to deliver a message of this template sent on this route (ms). */
export function effectiveTtlMs(
  template: Pick<Template, 'category' | 'message_send_ttl_seconds'>,
  route: SendRoute,
): number {
  const category = template.category.toUpperCase();
  const range = RANGES[category];
  // Session messages (no template category of these three) keep Meta's 30 days.
  if (!range) return TTL_DEFAULT_S * 1000;
  const custom = template.message_send_ttl_seconds;
  if (custom === undefined || (category === 'MARKETING' && route !== 'marketing_messages'))
    return range.default * 1000;
  return custom * 1000;
}

/**
 * The statuses that still happen when Meta gives up at acceptedAt + ttl: delivery (and the read
 * that needs it) after that never comes; what happened before stays (sent, an earlier failure).
 */
export function dropAfterTtl(
  plan: PlannedStatus[],
  acceptedAt: number,
  ttlMs: number,
): PlannedStatus[] {
  const end = acceptedAt + ttlMs;
  const reached = plan.filter((p) => p.status === 'delivered' || p.status === 'read');
  if (reached.length === 0 || Math.min(...reached.map((p) => p.timestamp)) <= end) return plan;
  return plan.filter((p) => p.status !== 'delivered' && p.status !== 'read');
}
