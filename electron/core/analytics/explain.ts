import type {
  AnalyticsHealth,
  Explanation,
  MetaFigures,
  OverlappingCampaign,
  OwnFigures,
} from '../../../shared/api';
import { DAY_MS, isoDay, nearMidnight } from './days';

/** Meta adds reads and button clicks to its figures late: up to 7 days after the send (cloud-api.md §5). */
export const LATE_COUNT_DAYS = 7;
const HOUR_MS = 3_600_000;

export interface ExplainInput {
  now: number;
  health: Pick<AnalyticsHealth, 'metaState' | 'sandbox' | 'state' | 'lastError' | 'polling'>;
  /** The campaign's template has a Meta id (it was synced, or Meta returned it). */
  hasMetaId: boolean;
  /** The campaign's UTC days (00:00 UTC, Unix ms), oldest first. */
  days: readonly number[];
  firstSentAt: number | null;
  lastSentAt: number | null;
  meta: MetaFigures | null;
  ours: OwnFigures;
  overlapping: readonly OverlappingCampaign[];
  /** The sandbox started after some of these messages were sent: it cannot count them. */
  sandboxForgot: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Why Meta's figures can differ from ours for this campaign, most important first. A blocking reason
 * (not enabled, unsupported, nothing fetched) comes alone with what to do; otherwise every reason that
 * applies, or that the figures match.
 */
export function explainDifferences(x: ExplainInput): Explanation[] {
  const { health } = x;
  if (health.metaState === 'unsupported') {
    return [
      {
        code: 'unsupported_region',
        text: 'Meta does not offer template analytics for this WhatsApp Business Account: accounts of businesses or phone numbers in the EU, the UK or Japan are not supported. Our own counts are all there is.',
      },
    ];
  }
  if (health.metaState === 'not_enabled') {
    return [
      {
        code: 'not_enabled',
        text: "Template analytics are not switched on for this WhatsApp Business Account. Enable them to see Meta's own figures next to ours (Meta cannot switch them off again).",
      },
    ];
  }
  if (!health.polling && !health.sandbox && health.metaState === 'unknown') {
    return [
      {
        code: 'not_enabled',
        text: "Template analytics are off for this account. Enable them to see Meta's own figures next to ours; if they are already on in WhatsApp Manager, enabling only confirms it.",
      },
    ];
  }
  if (!x.hasMetaId)
    return [
      {
        code: 'no_meta_id',
        text: 'The template has no Meta id, so Meta cannot be asked for its figures. Sync the templates from WhatsApp and fetch again.',
      },
    ];
  if (x.days.length === 0)
    return [
      {
        code: 'not_sent',
        text: 'Nothing of this campaign has been sent yet: there is nothing to compare.',
      },
    ];

  const out: Explanation[] = [];
  if (health.state === 'failing' && health.lastError)
    out.push({ code: 'fetch_failed', text: `The last fetch failed: ${health.lastError}` });
  if (x.meta === null) {
    out.push({
      code: 'not_fetched',
      text: health.polling
        ? "Meta's figures for these days have not been fetched yet; they are fetched every 15 minutes while the campaign sends, then hourly, or now with Refresh."
        : "Fetching Meta's figures is switched off for this account.",
    });
    return out;
  }
  if (x.sandboxForgot)
    out.push({
      code: 'sandbox_forgot',
      text: 'The sandbox simulator keeps what it accepted only while it runs: messages sent before it last started are missing from its figures.',
    });
  if (x.overlapping.length > 0) {
    const others = x.overlapping.map((o) => `"${o.name}"`).join(', ');
    const sent = x.overlapping.reduce((n, o) => n + o.sent, 0);
    out.push({
      code: 'other_campaigns',
      text: `Meta counts per template and day, not per campaign: ${plural(x.overlapping.length, 'other campaign')} (${others}) sent this template on the same days (${plural(sent, 'message')}). Both columns include them; this campaign's own figures are shown separately.`,
    });
  }
  const lastDay = x.days[x.days.length - 1]!;
  const settlesAt = lastDay + DAY_MS + LATE_COUNT_DAYS * DAY_MS;
  if (x.now < settlesAt) {
    out.push({
      code: 'late_counts',
      text: `Meta adds reads and button clicks to its daily figures late, up to ${LATE_COUNT_DAYS} days after sending: its read and click counts may still grow until ${isoDay(settlesAt)}.`,
    });
  }
  const edges = [x.firstSentAt, x.lastSentAt].filter((t): t is number => t !== null);
  if (x.days.length > 1 || edges.some((t) => nearMidnight(t, HOUR_MS))) {
    out.push({
      code: 'utc_days',
      text: 'Meta files every message under the UTC day it was sent (not your local day), and this campaign sent across or close to a UTC midnight: a message sent in the last seconds of a day may be counted on the next day by Meta.',
    });
  }
  const diff = (m: number | null, o: number) => (m === null ? 0 : m - o);
  const d = {
    sent: diff(x.meta.sent, x.ours.sent),
    delivered: diff(x.meta.delivered, x.ours.delivered),
    read: diff(x.meta.read, x.ours.read),
  };
  if (d.sent > 0) {
    out.push({
      code: 'sent_elsewhere',
      text: `Meta counted ${plural(d.sent, 'message')} more with this template than Campaign Desk sent on these days: messages sent from another tool, from WhatsApp Manager, or test sends count there too.`,
    });
  }
  if (d.sent < 0 || d.delivered < 0 || (d.read < 0 && x.now >= settlesAt)) {
    out.push({
      code: 'meta_behind',
      text: "Meta's figures are lower than ours: its daily figures are updated with a delay (hours), and it may leave out messages that failed after it accepted them. Fetch again later.",
    });
  }
  if (
    d.sent === 0 &&
    d.delivered === 0 &&
    d.read === 0 &&
    out.every((e) => e.code !== 'fetch_failed' && e.code !== 'sandbox_forgot')
  ) {
    out.unshift({
      code: 'match',
      text: "Meta's sent, delivered and read figures match Campaign Desk's for these days.",
    });
  }
  return out;
}
