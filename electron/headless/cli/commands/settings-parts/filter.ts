import { readFile, stat } from 'node:fs/promises';
import type { FilterCount, FilterState } from '../../../../../shared/api';
import {
  DATE_ORDER_LABEL,
  DECIMAL_LABEL,
  ExpressionError,
  parseConditionExpression,
  type ConditionInput,
  type DateOrder,
  type DecimalSeparator,
  type FilterInput,
  type GroupInput,
} from '../../../../../shared/domain/audience-filter';
import { call, CommandError, flag, str, UsageError, type Ctx } from '../../framework';
import type { SettingsPart } from './types';
import { human, noun } from '../../format';

/**
 * `campaigns settings <id>` flags for the audience filter. `--filter` itself already belongs to
 * `campaigns export` (option names are global in this CLI), so conditions are `--filter-where`.
 */

const MAX_JSON_BYTES = 1_000_000;

function strings(ctx: Ctx, name: string): string[] {
  const v: unknown = ctx.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

function decimalFlag(ctx: Ctx): DecimalSeparator | undefined {
  const v = str(ctx, 'filter-decimal');
  if (v === undefined) return undefined;
  if (v === '.' || v === 'point') return '.';
  if (v === ',' || v === 'comma') return ',';
  throw new UsageError(`--filter-decimal takes "." (or point) or "," (or comma), not "${v}".`);
}

function datesFlag(ctx: Ctx): DateOrder | undefined {
  const v = str(ctx, 'filter-dates');
  if (v === undefined) return undefined;
  if (v === 'dmy' || v === 'mdy') return v;
  throw new UsageError(`--filter-dates takes dmy (day first) or mdy (month first), not "${v}".`);
}

async function readJsonArg(path: string): Promise<unknown> {
  let text: string;
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_JSON_BYTES)
        throw new CommandError(
          '--filter-json -: more than 1 MB on standard input; a filter is far smaller.',
        );
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      if ((await stat(path)).size > MAX_JSON_BYTES)
        throw new CommandError(`${path} is larger than 1 MB; a filter is far smaller.`);
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (e instanceof CommandError) throw e;
      throw new CommandError(`Cannot read ${path}.`);
    }
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new CommandError(
      `--filter-json: not valid JSON (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/**
 * A hand-written file may be the whole filter, just its root group, or a list of conditions (all
 * of them must hold); `kind` may be left out where `items` or `op` makes it plain.
 */
function withKinds(node: unknown, depth = 0): unknown {
  if (depth > 50 || node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.items))
    return {
      kind: 'group',
      match: 'all',
      ...n,
      items: n.items.map((i) => withKinds(i, depth + 1)),
    };
  if (typeof n.op === 'string') return { kind: 'condition', ...n };
  return n;
}

function toFilterInput(
  raw: unknown,
  reading: { decimal: DecimalSeparator; dateOrder: DateOrder },
): FilterInput {
  if (Array.isArray(raw)) return { root: withKinds({ items: raw }) as GroupInput, ...reading };
  if (raw !== null && typeof raw === 'object' && 'root' in raw) {
    const r = raw as Record<string, unknown>;
    return { ...reading, ...r, root: withKinds(r.root) } as FilterInput;
  }
  return { root: withKinds(raw) as GroupInput, ...reading };
}

function countLines(count: FilterCount, state: FilterState): string[] {
  const lines: string[] = [];
  if (count.frozen) {
    lines.push(
      `  ${human().count(count.matching)} of ${human().countOf(count.total, noun('recipient'))} match; ${human().count(count.excludedAtStart)} were left out when sending started.`,
    );
  } else {
    lines.push(
      `  ${human().count(count.matching)} of ${human().countOf(count.total, noun('recipient'))} match` +
        (count.alreadySkipped > 0
          ? ` (${human().count(count.alreadySkipped)} already skipped, e.g. opted out, are not counted)`
          : '') +
        '.',
    );
  }
  for (const c of count.checks) {
    if (c.unreadable === 0) continue;
    lines.push(
      `  "${c.column}": ${human().count(c.unreadable)} ${c.unreadable === 1 ? `cell is not a ${c.kind} and matches` : `cells are not ${c.kind}s and match`} no ${c.kind} condition` +
        (c.examples.length > 0 ? ` (e.g. ${c.examples.map((e) => `"${e}"`).join(', ')})` : '') +
        '.',
    );
  }
  for (const m of state.missingColumns) lines.push(`  warning: the audience has no column "${m}".`);
  return lines;
}

export const filterPart: SettingsPart = {
  usage:
    "[--filter-where 'City = London' --filter-where 'Total spent > 100' [--filter-any] | --filter-json FILE|- | --filter-clear] [--filter-decimal .|,] [--filter-dates dmy|mdy]",
  options: {
    'filter-where': { type: 'string', multiple: true },
    'filter-any': { type: 'boolean' },
    'filter-json': { type: 'string' },
    'filter-clear': { type: 'boolean' },
    'filter-decimal': { type: 'string' },
    'filter-dates': { type: 'string' },
  },

  async apply(ctx, core, campaignId) {
    const wheres = strings(ctx, 'filter-where');
    const json = str(ctx, 'filter-json');
    const clear = flag(ctx, 'filter-clear');
    const any = flag(ctx, 'filter-any');
    const decimal = decimalFlag(ctx);
    const dateOrder = datesFlag(ctx);
    if (
      wheres.length === 0 &&
      json === undefined &&
      !clear &&
      !any &&
      decimal === undefined &&
      dateOrder === undefined
    )
      return null;
    if ([wheres.length > 0, json !== undefined, clear].filter(Boolean).length > 1) {
      throw new UsageError(
        'Use one of --filter-where (repeatable), --filter-json or --filter-clear.',
      );
    }
    if (any && wheres.length === 0)
      throw new UsageError(
        '--filter-any goes with --filter-where: any of the conditions, instead of all of them.',
      );
    if (clear && (decimal !== undefined || dateOrder !== undefined))
      throw new UsageError(
        '--filter-clear removes the filter; --filter-decimal and --filter-dates have nothing to apply to.',
      );

    const state = await call(core, 'campaigns.filter', { campaignId });
    if (clear) {
      await call(core, 'campaigns.setFilter', { campaignId, filter: null });
      return 'audience filter cleared: everybody imported is in the audience';
    }
    const reading = {
      decimal: decimal ?? state.filter?.decimal ?? state.defaults.decimal,
      dateOrder: dateOrder ?? state.filter?.dateOrder ?? state.defaults.dateOrder,
    };
    let input: FilterInput;
    if (wheres.length > 0) {
      const items: ConditionInput[] = [];
      for (const w of wheres) {
        try {
          items.push(parseConditionExpression(w, reading.decimal, state.columns));
        } catch (e) {
          if (e instanceof ExpressionError) throw new UsageError(`--filter-where ${e.message}`);
          throw e;
        }
      }
      input = { root: { kind: 'group', match: any ? 'any' : 'all', items }, ...reading };
    } else if (json !== undefined) {
      input = toFilterInput(await readJsonArg(json), reading);
    } else {
      // Only the reading changes: the saved conditions stay.
      if (!state.filter)
        throw new UsageError(
          'There is no audience filter to read differently yet: add --filter-where conditions.',
        );
      input = { ...state.filter, ...reading };
    }
    const saved = await call(core, 'campaigns.setFilter', { campaignId, filter: input });
    return saved.description
      ? `audience filter: ${saved.description}`
      : 'audience filter cleared: everybody imported is in the audience';
  },

  async describe(_ctx, core, campaignId) {
    const state = await call(core, 'campaigns.filter', { campaignId });
    const count = await call(core, 'campaigns.filterCount', { campaignId });
    const value = {
      filter: state.filter,
      description: state.description,
      count,
      problem: state.problem,
    };
    if (state.problem) return { key: 'filter', value, text: `Audience filter: ${state.problem}` };
    if (!state.filter)
      return {
        key: 'filter',
        value,
        text: `Audience filter: none (everybody imported, ${human().countOf(count.total, noun('recipient'))}).`,
      };
    const text = [
      `Audience filter: ${state.description ?? ''}`,
      `  Numbers are read with a ${DECIMAL_LABEL[state.filter.decimal]}; dates ${DATE_ORDER_LABEL[state.filter.dateOrder]}; text ignores case and accents.`,
      ...countLines(count, state),
    ].join('\n');
    return { key: 'filter', value, text };
  },
};
