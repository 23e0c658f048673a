import {
  OUTCOMES,
  type HistoryCondition,
  type Outcome,
  type Segment,
  type SegmentCount,
} from '../../../../shared/api';
import {
  describeFilter,
  ExpressionError,
  parseConditionExpression,
  type ConditionInput,
} from '../../../../shared/domain/audience-filter';
import {
  call,
  EXIT,
  flag,
  parseId,
  print,
  str,
  strings,
  UsageError,
  type Command,
  type Ctx,
} from '../framework';
import { human, noun } from '../format';

/** "12:failed:131049" → campaign 12, outcome failed, code 131049. */
export function parseOutcome(
  raw: string,
  flagName: string,
): { outcome: Outcome; errorCode?: number } {
  const [name, code] = raw.split(':');
  if (!OUTCOMES.includes(name as Outcome))
    throw new UsageError(
      `${flagName} takes one of ${OUTCOMES.join(', ')} (failed:CODE for one code), not "${raw}".`,
    );
  if (code === undefined) return { outcome: name as Outcome };
  if (name !== 'failed' || !/^\d+$/.test(code))
    throw new UsageError(`${flagName}: only failed takes a code, as failed:131049.`);
  return { outcome: 'failed', errorCode: Number(code) };
}

function historyFlags(ctx: Ctx): HistoryCondition[] {
  const out: HistoryCondition[] = strings(ctx, 'got').map((id) => ({
    kind: 'got',
    campaignId: parseId(id, '--got'),
  }));
  for (const raw of strings(ctx, 'outcome-in')) {
    const at = raw.indexOf(':');
    if (at < 0)
      throw new UsageError(`--outcome-in takes CAMPAIGN:OUTCOME, as 12:read, not "${raw}".`);
    out.push({
      kind: 'outcome',
      campaignId: parseId(raw.slice(0, at), '--outcome-in'),
      ...parseOutcome(raw.slice(at + 1), '--outcome-in'),
    });
  }
  const quiet = str(ctx, 'quiet-days');
  if (quiet !== undefined) out.push({ kind: 'quiet', days: parseId(quiet, '--quiet-days') });
  for (const label of strings(ctx, 'label')) out.push({ kind: 'label', label });
  const after = str(ctx, 'opted-in-after');
  if (after !== undefined) out.push({ kind: 'optedInAfter', date: after });
  return out;
}

const HISTORY_WORDS: Record<HistoryCondition['kind'], (h: never) => string> = {
  got: (h: { campaignId: number }) => `got campaign ${h.campaignId}`,
  outcome: (h: { campaignId: number; outcome: string; errorCode?: number }) =>
    `${h.outcome}${h.errorCode ? ` (${h.errorCode})` : ''} in campaign ${h.campaignId}`,
  quiet: (h: { days: number }) => `no message in the last ${human().countOf(h.days, noun('day'))}`,
  optedInAfter: (h: { date: string }) => `opted in on or after ${h.date}`,
  label: (h: { label: string }) => `labelled "${h.label}"`,
};

function describe(s: Segment & { count: SegmentCount }): string {
  const parts = [
    ...(s.filter ? [describeFilter(s.filter) ?? ''] : []),
    ...s.history.map((h) => HISTORY_WORDS[h.kind](h as never)),
  ].filter(Boolean);
  return [
    `Segment ${s.id}: ${s.name}`,
    `  Who: ${parts.length ? parts.join(' AND ') : 'everybody in the book'}`,
    `  ${human().countOf(s.count.members, noun('customer'))} now (${human().count(s.count.optedOut)} of them opted out, skipped by a campaign).`,
  ].join('\n');
}

export const segmentCommands: Command[] = [
  {
    path: ['segments', 'create'],
    options: {
      name: { type: 'string' },
      'filter-where': { type: 'string', multiple: true },
      'filter-any': { type: 'boolean' },
      got: { type: 'string', multiple: true },
      'outcome-in': { type: 'string', multiple: true },
      'quiet-days': { type: 'string' },
      'opted-in-after': { type: 'string' },
      label: { type: 'string', multiple: true },
    },
    usage:
      "segments create --name N [--filter-where 'City = London' ...] [--filter-any] [--got CAMPAIGN] [--outcome-in CAMPAIGN:read|failed:131049|...] [--quiet-days N] [--opted-in-after YYYY-MM-DD] [--label interested ...]",
    summary:
      'Save a named filter over the customer book (attributes and message history); shows its live count',
    async run(ctx) {
      const name = str(ctx, 'name');
      if (!name) throw new UsageError('segments create needs --name NAME.');
      const core = ctx.core();
      // The book's columns, so "city = london" finds "City".
      const sample = await call(core, 'customers.list', { limit: 500 });
      const columns = [...new Set(sample.items.flatMap((c) => Object.keys(c.attributes)))];
      const items: ConditionInput[] = [];
      for (const w of strings(ctx, 'filter-where')) {
        try {
          items.push(parseConditionExpression(w, '.', columns));
        } catch (e) {
          if (e instanceof ExpressionError) throw new UsageError(`--filter-where ${e.message}`);
          throw e;
        }
      }
      const s = await call(core, 'segments.create', {
        name,
        filter:
          items.length > 0
            ? {
                root: { kind: 'group', match: flag(ctx, 'filter-any') ? 'any' : 'all', items },
                decimal: '.',
                dateOrder: 'dmy',
              }
            : null,
        history: historyFlags(ctx),
      });
      print(ctx, s, () => describe(s));
      return EXIT.OK;
    },
  },
  {
    path: ['segments', 'list'],
    usage: 'segments list',
    summary: 'The saved segments',
    async run(ctx) {
      const list = await call(ctx.core(), 'segments.list', {});
      print(ctx, list, () =>
        list.length === 0
          ? 'No segments yet. Create one with: campaign-desk segments create --name "Londoners" --filter-where "City = London"'
          : [
              'ID    CUSTOMERS  NAME',
              ...list.map(
                (s) =>
                  `${String(s.id).padEnd(6)}${human().count(s.count.members).padStart(9)}  ${s.name}`,
              ),
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['segments', 'show'],
    args: ['id'],
    usage: 'segments show <id>',
    summary: 'One segment: what it selects and how many customers it holds now',
    async run(ctx) {
      const s = await call(ctx.core(), 'segments.show', { id: parseId(ctx.args.id, 'id') });
      print(ctx, s, () => describe(s));
      return EXIT.OK;
    },
  },
];
