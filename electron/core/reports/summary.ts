import type { ReportLanguages } from './columns';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  RECIPIENT_STATES,
  REPORT_FILTER_LABEL,
  type RecipientState,
  type ReportFilter,
} from '../../../shared/api';
import { describeError } from '../../../shared/domain/errors';
import { variantCellText, type ReportVariant } from '../../../shared/api/variants';
import { estimateCost, estimateMixedCost, type RateCard } from '../../../shared/domain/pricing';
import { variantCounts, type VariantCounts } from '../campaigns/variants-compare';
import type { Cell } from './columns';
import type { ZoneFormatter } from './time-format';
import { whilePublishing } from '../db/visibility';

/** The campaign as the main thread knows it, handed to the worker with the task. */
export interface CampaignInfo {
  id: number;
  name: string;
  state: string;
  accountName: string;
  templateName: string | null;
  templateLanguage: string | null;
  category: string | null;
  startedAt: number | null;
  completedAt: number | null;
  /** The A/B variants of a split campaign (A first); null when it is not split. */
  variants?: ReportVariant[] | null;
  /** Set when the campaign picked each recipient's language (the report's Language column). */
  languages?: ReportLanguages | null;
}

export interface SummaryInput {
  campaign: CampaignInfo;
  card: RateCard & { edited?: boolean };
  filter: ReportFilter;
  exportedRows: number;
  generatedAt: number;
}

/** The summary sheet: label / value / more rows, each section under a title row. */
export type SummarySheet = Cell[][];

export interface SummaryFigures {
  counts: Record<RecipientState, number>;
  /** Of `sent`: held by WhatsApp for quality review (template pacing). */
  held: number;
  total: number;
  failures: { code: number | null; title: string; explanation: string; count: number }[];
  byCountry: { country: string | null; messages: number }[];
  /** Split campaigns: counts per variant, and delivered messages by variant and country (for the cost). */
  byVariant: VariantCounts[];
  deliveredByVariant: { variant: string | null; country: string | null; messages: number }[];
}

/** Counted inside the worker's read transaction, so the figures match the rows of the same file. */
export function summaryFigures(
  db: SqliteDatabase,
  campaignId: number,
  split = false,
): SummaryFigures {
  const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<
    RecipientState,
    number
  >;
  const byState = db
    .prepare(
      `SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ?${whilePublishing(db, campaignId)} GROUP BY state`,
    )
    .all(campaignId) as {
    state: RecipientState;
    n: number;
  }[];
  for (const r of byState) counts[r.state] = r.n;
  const held = db
    .prepare(
      `SELECT count(*) FROM recipients WHERE campaign_id = ? AND state = 'sent' AND held_at IS NOT NULL${whilePublishing(db, campaignId)}`,
    )
    .pluck()
    .get(campaignId) as number;
  const failures = (
    db
      .prepare(
        "SELECT error_code AS code, max(error_title) AS title, count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'failed' GROUP BY error_code ORDER BY n DESC",
      )
      .all(campaignId) as { code: number | null; title: string | null; n: number }[]
  ).map((r) => {
    const entry = describeError(r.code ?? undefined, r.title ?? undefined);
    return { code: r.code, title: entry.title, explanation: entry.explanation, count: r.n };
  });
  const byCountry = (
    db
      .prepare(
        "SELECT country, count(*) AS n FROM recipients WHERE campaign_id = ? AND state IN ('delivered', 'read') GROUP BY country",
      )
      .all(campaignId) as { country: string | null; n: number }[]
  ).map((r) => ({ country: r.country, messages: r.n }));
  const deliveredByVariant = split
    ? (db
        .prepare(
          "SELECT variant, country, count(*) AS messages FROM recipients WHERE campaign_id = ? AND state IN ('delivered', 'read') GROUP BY variant, country",
        )
        .all(campaignId) as { variant: string | null; country: string | null; messages: number }[])
    : [];
  return {
    counts,
    held,
    total: byState.reduce((n, r) => n + r.n, 0),
    failures,
    byCountry,
    byVariant: split ? variantCounts(db, campaignId) : [],
    deliveredByVariant,
  };
}

/** Delivered messages priced at their own variant's category (the campaign's for any without a variant). */
function summaryCost(figures: SummaryFigures, input: SummaryInput) {
  const { campaign, card } = input;
  const variants = campaign.variants ?? [];
  if (variants.length < 2)
    return estimateCost(card, campaign.category ?? 'MARKETING', figures.byCountry);
  const known = new Set<string>(variants.map((v) => v.id));
  const part = (category: string | null, rows: SummaryFigures['deliveredByVariant']) => ({
    category: category ?? 'MARKETING',
    byCountry: rows,
  });
  return estimateMixedCost(card, [
    ...variants.map((v) =>
      part(
        v.category,
        figures.deliveredByVariant.filter((r) => r.variant === v.id),
      ),
    ),
    part(
      campaign.category,
      figures.deliveredByVariant.filter((r) => r.variant === null || !known.has(r.variant)),
    ),
  ]);
}

const rateText = (part: number, whole: number): string =>
  whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '';

/** The "By variant" section: the A/B variants side by side, as the progress view compares them. */
function byVariantSection(
  figures: SummaryFigures,
  variants: readonly ReportVariant[],
): SummarySheet {
  if (variants.length < 2) return [];
  const counts = new Map(figures.byVariant.map((c) => [c.variant as string, c]));
  return [
    [
      'By variant',
      'Template',
      'Recipients',
      'Sent',
      'Delivered (read included)',
      'Read',
      'Failed',
      'Delivered of sent',
      'Read of delivered',
      'Button clicks',
    ],
    ...variants.map((v): Cell[] => {
      const c = counts.get(v.id);
      const sent = c?.sent ?? 0;
      const delivered = c?.delivered ?? 0;
      return [
        variantCellText(v),
        v.templateName ? `${v.templateName} (${v.templateLanguage ?? ''})` : '',
        c?.recipients ?? 0,
        sent,
        delivered,
        c?.read ?? 0,
        c?.failed ?? 0,
        rateText(delivered, sent),
        rateText(c?.read ?? 0, delivered),
        v.clicks ?? '',
      ];
    }),
    [
      'About the variants',
      'Each recipient got one variant at random by the proportions. Sent counts what WhatsApp accepted; button clicks come from WhatsApp template analytics and stay empty where it is not connected or where variants share a template.',
    ],
    [],
  ];
}

const pct = (part: number, whole: number): string =>
  whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '';
const text = (s: string | null | undefined): string => s ?? '';

export function summarySheet(
  figures: SummaryFigures,
  input: SummaryInput,
  zone: ZoneFormatter,
): SummarySheet {
  const { campaign, card } = input;
  const { counts, total } = figures;
  const delivered = counts.delivered + counts.read;
  // Recipients a message left for: the base for delivery rates (pending and skipped never left).
  const left = counts.sent + delivered + counts.failed + counts.expired + counts.unknown;
  const cost = summaryCost(figures, input);
  const when = (ms: number | null) => zone.format(ms);

  const rows: SummarySheet = [
    ['Delivery report', text(campaign.name)],
    [],
    ['Campaign'],
    ['Name', text(campaign.name)],
    ['Campaign ID', campaign.id],
    ['State', campaign.state],
    ['Account', text(campaign.accountName)],
    ['Template', text(campaign.templateName)],
    ['Language', text(campaign.templateLanguage)],
    ['Category', text(campaign.category)],
    [`Started (${zone.timeZone})`, when(campaign.startedAt)],
    [`Completed (${zone.timeZone})`, when(campaign.completedAt)],
    [],
    ['This file'],
    [`Generated (${zone.timeZone})`, when(input.generatedAt)],
    ['Time zone of all times', zone.timeZone],
    ['Recipients', text(REPORT_FILTER_LABEL[input.filter])],
    ['Rows', input.exportedRows],
    [],
    ['Recipients by state', 'Count', 'Share of all recipients'],
    ...RECIPIENT_STATES.filter((s) => counts[s] > 0).map((s): Cell[] => [
      s,
      counts[s],
      pct(counts[s], total),
    ]),
    ['total', total, total > 0 ? '100.0%' : ''],
    ...(figures.held > 0
      ? [
          [
            'of them sent but held by WhatsApp for quality review',
            figures.held,
            pct(figures.held, total),
          ] as Cell[],
        ]
      : []),
    [],
    ['Rates', 'Value', 'Based on'],
    ['Delivered (read included)', pct(delivered, left), `${delivered} of ${left} messages sent`],
    ['Read', pct(counts.read, delivered), `${counts.read} of ${delivered} delivered`],
    ['Failed', pct(counts.failed, left), `${counts.failed} of ${left} messages sent`],
    [],
    ...byVariantSection(figures, campaign.variants ?? []),
    ['Failures by reason', 'Count', 'Error code', 'What happened'],
    ...figures.failures.map((f): Cell[] => [
      text(f.title),
      f.count,
      f.code ?? '',
      text(f.explanation),
    ]),
    [],
    [
      `Estimated cost by country (${card.currency})`,
      'Delivered messages',
      'Price per message',
      'Cost',
      'Market',
    ],
    ...cost.countries.map((c): Cell[] => [
      text(c.country ?? 'no country'),
      c.messages,
      c.unitPrice,
      c.cost,
      text(c.marketName),
    ]),
    ['total', cost.messages, '', cost.total],
    [],
    [
      'About the cost',
      text(
        `An estimate from the rate card dated ${card.effectiveDate}${card.edited ? ' with your own prices' : ''}, not an invoice. ` +
          `Meta charges delivered template messages only (read counts as delivered), at the ${(campaign.variants?.length ?? 0) > 1 ? "rate of each A/B variant's template category" : `${cost.category} rate`} of the recipient's country code.`,
      ),
    ],
  ];
  return rows;
}
