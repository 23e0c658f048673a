import {
  ORIGINAL_COLUMN_PREFIX,
  REPORT_STATUS_COLUMNS,
  type ReportColumn,
  type ReportStatusColumn,
} from '../../../shared/api/reports';
import {
  REPORT_VARIANT_COLUMN,
  variantCellText,
  type ReportVariant,
} from '../../../shared/api/variants';
import { describeError } from '../../../shared/domain/errors';
import { marketFor, pricedCategory, type RateCard } from '../../../shared/domain/pricing';
import { languageForRow, type LanguageChoice } from '../../../shared/domain/translations';
import type { ZoneFormatter } from './time-format';

/** The report column naming the translation each recipient was sent (campaigns with one per recipient). */
export const REPORT_LANGUAGE_COLUMN = 'language';

/**
 * A campaign that picks each recipient's language: the sender's inputs, so the report names the
 * language the sender picked. Assumed stable after sending: the family is read at report time, so
 * a language approved after the send would be named for rows that fell back (no column stores it).
 */
export interface ReportLanguages {
  choice: LanguageChoice;
  family: string[];
  fixed: string;
}

/** One recipient as the report reads it from SQLite. */
export interface ReportRow {
  id: number;
  phone: string;
  country: string | null;
  state: string;
  skip_reason: string | null;
  fields_json: string;
  wamid: string | null;
  error_code: number | null;
  error_title: string | null;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  failed_at: number | null;
  variant: string | null;
  /** Set while WhatsApp holds the message for quality review (template pacing, migration 140). */
  held_at: number | null;
}

export const REPORT_ROW_SQL =
  'id, phone, country, state, skip_reason, fields_json, wamid, error_code, error_title, sent_at, delivered_at, read_at, failed_at, variant, held_at';

/**
 * Meta's template pacing (verified: "Template pacing" in Meta's template docs, status
 * `held_for_quality_assessment`): the message is accepted but held while WhatsApp judges the
 * template's first sends; it is then delivered, or dropped with error 132015.
 */
export const HELD_REASON = 'Held by WhatsApp for quality review (template pacing)';
export const HELD_NEXT_STEP =
  'Nothing yet: WhatsApp delivers it once the template passes review, or drops it (error 132015).';

/** A cell: text or a number. The CSV writer formula-escapes text; Excel cells are text cells, which never run. */
export type Cell = string | number;

export function statusColumnLabel(
  id: ReportStatusColumn,
  timeZone: string,
  currency: string,
): string {
  switch (id) {
    case 'phone':
      return 'Phone (E.164)';
    case 'country':
      return 'Country';
    case 'state':
      return 'State';
    case 'sentAt':
      return `Sent at (${timeZone})`;
    case 'deliveredAt':
      return `Delivered at (${timeZone})`;
    case 'readAt':
      return `Read at (${timeZone})`;
    case 'failedAt':
      return `Failed at (${timeZone})`;
    case 'wamid':
      return 'WhatsApp message ID';
    case 'errorCode':
      return 'Error code';
    case 'reason':
      return 'Reason';
    case 'nextStep':
      return 'What to do';
    case 'category':
      return 'Category';
    case 'price':
      return `Estimated price (${currency})`;
  }
}

/** Every column a report of this campaign can hold: the recipient's own first, then ours (Variant after State when split). */
export function allColumns(
  originals: readonly string[],
  timeZone: string,
  currency: string,
  split = false,
  languages = false,
): ReportColumn[] {
  return [
    ...originals.map((name): ReportColumn => ({
      id: ORIGINAL_COLUMN_PREFIX + name,
      label: name,
      group: 'original',
    })),
    ...REPORT_STATUS_COLUMNS.flatMap((id): ReportColumn[] => [
      { id, label: statusColumnLabel(id, timeZone, currency), group: 'status' },
      ...(split && id === 'state'
        ? [{ id: REPORT_VARIANT_COLUMN, label: 'Variant', group: 'status' } as const]
        : []),
      ...(languages && id === 'state'
        ? [{ id: REPORT_LANGUAGE_COLUMN, label: 'Language', group: 'status' } as const]
        : []),
    ]),
  ];
}

/**
 * The chosen columns in file order (the order of `allColumns`, whatever order they were asked in).
 * Returns the ids nobody knows as `unknown`, so the caller can refuse them by name.
 */
export function chooseColumns(
  all: readonly ReportColumn[],
  wanted: readonly string[] | undefined,
): { columns: ReportColumn[]; unknown: string[] } {
  if (!wanted) return { columns: [...all], unknown: [] };
  const set = new Set(wanted);
  const known = new Set(all.map((c) => c.id));
  return {
    columns: all.filter((c) => set.has(c.id)),
    unknown: [...set].filter((id) => !known.has(id)),
  };
}

export interface CellContext {
  zone: ZoneFormatter;
  category: string | null;
  card: RateCard;
  /** A/B variants of a split campaign: a recipient's category and price are its own variant's. */
  variants?: readonly ReportVariant[] | null;
  languages?: ReportLanguages | null;
}

/** Rows that reached WhatsApp were sent in a language; the others (skipped, pending) in none. */
const SENT_IN_A_LANGUAGE = new Set(['sent', 'delivered', 'read', 'failed', 'unknown', 'expired']);

// Meta charges a template message when it is delivered; read implies delivered.
const CHARGED = new Set(['delivered', 'read']);

/** Turns rows into cells for the chosen columns; caches what repeats (catalogue texts, prices). */
export function createRowMapper(
  columns: readonly ReportColumn[],
  ctx: CellContext,
): (row: ReportRow) => Cell[] {
  const reasons = new Map<string, { explanation: string; action: string }>();
  const prices = new Map<string, number>();
  const category = ctx.category ? pricedCategory(ctx.category).category : 'MARKETING';
  const variants = new Map((ctx.variants ?? []).map((v) => [v.id as string, v]));
  const categoryOf = (row: ReportRow): string | null =>
    row.variant !== null && variants.has(row.variant)
      ? (variants.get(row.variant)?.category ?? null)
      : ctx.category;

  const failure = (row: ReportRow) => {
    const key = `${row.error_code ?? ''}|${row.error_title ?? ''}`;
    let entry = reasons.get(key);
    if (!entry) {
      const e = describeError(row.error_code ?? undefined, row.error_title ?? undefined);
      entry = { explanation: e.explanation, action: e.action };
      if (reasons.size > 1000) reasons.clear();
      reasons.set(key, entry);
    }
    return entry;
  };

  const reason = (row: ReportRow): string => {
    switch (row.state) {
      case 'failed':
        return failure(row).explanation;
      case 'skipped':
        return row.skip_reason ?? '';
      case 'unknown':
      case 'expired':
        return row.error_title ?? row.skip_reason ?? '';
      case 'sent':
        return row.held_at !== null ? HELD_REASON : '';
      default:
        return '';
    }
  };

  const nextStep = (row: ReportRow): string =>
    row.state === 'failed'
      ? failure(row).action
      : row.state === 'sent' && row.held_at !== null
        ? HELD_NEXT_STEP
        : '';

  const price = (row: ReportRow): number => {
    if (!CHARGED.has(row.state)) return 0;
    const own = categoryOf(row);
    const priced =
      own === ctx.category ? category : own ? pricedCategory(own).category : 'MARKETING';
    const key = `${priced}|${row.country ?? ''}`;
    let unit = prices.get(key);
    if (unit === undefined) {
      unit = marketFor(ctx.card, row.country).prices[priced];
      prices.set(key, unit);
    }
    return unit;
  };

  const cellFor = (id: string): ((row: ReportRow, fields: Record<string, string>) => Cell) => {
    if (id.startsWith(ORIGINAL_COLUMN_PREFIX)) {
      const name = id.slice(ORIGINAL_COLUMN_PREFIX.length);
      return (_row, fields) => fields[name] ?? '';
    }
    if (id === REPORT_LANGUAGE_COLUMN) {
      const l = ctx.languages;
      return (r, fields) =>
        l && SENT_IN_A_LANGUAGE.has(r.state) && (r.wamid !== null || r.sent_at !== null)
          ? languageForRow(l.choice, { cells: fields, country: r.country }, l.family, l.fixed)
              .language
          : '';
    }
    if (id === REPORT_VARIANT_COLUMN) {
      return (r) => {
        if (r.variant === null) return '';
        const v = variants.get(r.variant);
        return v ? variantCellText(v) : r.variant;
      };
    }
    switch (id as ReportStatusColumn) {
      case 'phone':
        return (r) => r.phone;
      case 'country':
        return (r) => r.country ?? '';
      case 'state':
        return (r) => r.state;
      case 'sentAt':
        return (r) => ctx.zone.format(r.sent_at);
      case 'deliveredAt':
        return (r) => ctx.zone.format(r.delivered_at);
      case 'readAt':
        return (r) => ctx.zone.format(r.read_at);
      case 'failedAt':
        return (r) =>
          ctx.zone.format(
            r.state === 'failed' || r.state === 'unknown' || r.state === 'expired'
              ? r.failed_at
              : null,
          );
      case 'wamid':
        return (r) => r.wamid ?? '';
      case 'errorCode':
        return (r) => (r.state === 'failed' && r.error_code !== null ? r.error_code : '');
      case 'reason':
        return (r) => reason(r);
      case 'nextStep':
        return (r) => nextStep(r);
      case 'category':
        return (r) => categoryOf(r) ?? '';
      case 'price':
        return (r) => price(r);
    }
    return () => '';
  };

  const getters = columns.map((c) => cellFor(c.id));
  const needsFields = columns.some(
    (c) => c.id.startsWith(ORIGINAL_COLUMN_PREFIX) || c.id === REPORT_LANGUAGE_COLUMN,
  );
  return (row) => {
    const fields = needsFields ? (JSON.parse(row.fields_json) as Record<string, string>) : {};
    return getters.map((g) => g(row, fields));
  };
}
