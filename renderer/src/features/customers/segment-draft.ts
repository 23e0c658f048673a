import type { HistoryCondition, Outcome } from '../../../../shared/api';
import {
  opKind,
  parseIsoDay,
  parseNumber,
  type ConditionInput,
  type FilterInput,
  type FilterOp,
} from '../../../../shared/domain/audience-filter';

/**
 * The segment builder's working copy: inputs as typed, unfinished conditions included. What is
 * counted and saved is the finished part (`toDefinition`); an unfinished condition says what it
 * still needs and is left out until then, so the live count never waits on typing.
 */

/** Ops offered for a customer attribute: one value each (lists and ranges are the audience filter's). */
export const ATTRIBUTE_OPS: FilterOp[] = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'empty',
  'not_empty',
  'num_gt',
  'num_lt',
  'num_eq',
  'date_before',
  'date_after',
  'date_on',
];

export interface DraftAttribute {
  id: number;
  column: string;
  op: FilterOp;
  value: string;
}

export type HistoryKind = HistoryCondition['kind'];

export interface DraftHistory {
  id: number;
  kind: HistoryKind;
  campaignId: string;
  outcome: Outcome;
  errorCode: string;
  days: string;
  date: string;
  label: string;
}

export const OUTCOME_LABEL: Record<Outcome, string> = {
  'not-delivered': 'was not delivered',
  failed: 'failed',
  delivered: 'was delivered',
  read: 'read it',
  'delivered-not-read': 'got it but did not read it',
  replied: 'replied',
  'no-reply': 'did not reply',
};

export const HISTORY_LABEL: Record<HistoryKind, string> = {
  got: 'Got campaign',
  outcome: 'In campaign…',
  quiet: 'No message in the last … days',
  optedInAfter: 'Opted in on or after',
  label: 'Has label',
};

let nextId = 1;
export const newAttribute = (column = ''): DraftAttribute => ({
  id: nextId++,
  column,
  op: 'equals',
  value: '',
});
export const newHistory = (kind: HistoryKind): DraftHistory => ({
  id: nextId++,
  kind,
  campaignId: '',
  outcome: 'read',
  errorCode: '',
  days: '30',
  date: '',
  label: '',
});

/** What an unfinished attribute condition still needs, or null when it is complete. */
export function attributeProblem(a: DraftAttribute): string | null {
  if (!a.column.trim()) return 'Choose a column.';
  const kind = opKind(a.op);
  if (kind === 'presence') return null;
  if (!a.value.trim()) return 'Type a value.';
  if (kind === 'number' && parseNumber(a.value, '.') === null) return 'Type a number.';
  if (kind === 'date' && parseIsoDay(a.value.trim()) === null)
    return 'Write the date as YYYY-MM-DD.';
  return null;
}

function toCondition(a: DraftAttribute): ConditionInput {
  const base = { kind: 'condition' as const, column: a.column.trim() };
  const kind = opKind(a.op);
  if (kind === 'presence') return { ...base, op: a.op as 'empty' };
  if (kind === 'number')
    return { ...base, op: a.op as 'num_gt', value: parseNumber(a.value, '.') ?? 0 };
  if (kind === 'date') return { ...base, op: a.op as 'date_before', value: a.value.trim() };
  return { ...base, op: a.op as 'equals', value: a.value };
}

/** What an unfinished history condition still needs, or null when it is complete. */
export function historyProblem(h: DraftHistory): string | null {
  switch (h.kind) {
    case 'got':
    case 'outcome':
      if (!h.campaignId) return 'Choose a campaign.';
      if (h.kind === 'outcome' && h.errorCode.trim() && !/^\d{1,9}$/.test(h.errorCode.trim()))
        return 'An error code is a number, e.g. 131049.';
      return null;
    case 'quiet':
      return /^\d{1,4}$/.test(h.days.trim()) && Number(h.days) >= 1
        ? null
        : 'Type a number of days.';
    case 'optedInAfter':
      return parseIsoDay(h.date.trim()) ? null : 'Write the date as YYYY-MM-DD.';
    case 'label':
      return h.label.trim() ? null : 'Type a label.';
  }
}

function toHistory(h: DraftHistory): HistoryCondition {
  switch (h.kind) {
    case 'got':
      return { kind: 'got', campaignId: Number(h.campaignId) };
    case 'outcome':
      return {
        kind: 'outcome',
        campaignId: Number(h.campaignId),
        outcome: h.outcome,
        ...(h.outcome === 'failed' && h.errorCode.trim()
          ? { errorCode: Number(h.errorCode.trim()) }
          : {}),
      };
    case 'quiet':
      return { kind: 'quiet', days: Number(h.days.trim()) };
    case 'optedInAfter':
      return { kind: 'optedInAfter', date: h.date.trim() };
    case 'label':
      return { kind: 'label', label: h.label.trim() };
  }
}

/** A definition as the contract takes it (condition ids are given by the core). */
export interface DraftDefinition {
  filter: FilterInput | null;
  history: HistoryCondition[];
}

/** The finished conditions, all of which a customer must meet. */
export function toDefinition(attrs: DraftAttribute[], history: DraftHistory[]): DraftDefinition {
  const items = attrs.filter((a) => attributeProblem(a) === null).map(toCondition);
  return {
    filter:
      items.length > 0
        ? { root: { kind: 'group', match: 'all', items }, decimal: '.', dateOrder: 'dmy' }
        : null,
    history: history.filter((h) => historyProblem(h) === null).map(toHistory),
  };
}
