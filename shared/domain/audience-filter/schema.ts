import { z } from 'zod';
import { parseIsoDay } from './dates';
import {
  DATE_OPS,
  FILTER_LIMITS,
  NUMBER_OPS,
  PRESENCE_OPS,
  TEXT_OPS,
  type AudienceFilter,
  type FilterNode,
  type Group,
} from './types';

/**
 * The filter as it crosses the contract and as it is stored. Node ids may be left out by callers
 * (the CLI, a hand-written JSON file); `normalizeFilter` gives every node one.
 */

const L = FILTER_LIMITS;
const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'A condition id uses letters, digits, - and _ only.')
  .max(L.idLength, `A condition id has at most ${L.idLength} characters.`);
const column = z
  .string({ error: 'Choose a column.' })
  .min(1, 'Choose a column.')
  .max(L.columnLength, `A column name has at most ${L.columnLength} characters.`);
const text = z
  .string({ error: 'Type a value.' })
  .max(
    L.valueLength,
    `A value has at most ${L.valueLength} characters; for long lists use "is one of".`,
  )
  .refine((s) => s.trim() !== '', 'Type a value (to find empty cells, use "is empty").');
const number = z.number({ error: 'Type a number.' }).finite('Type a number.');
const day = z
  .string({ error: 'Write the date as YYYY-MM-DD, e.g. 2026-03-14.' })
  .refine((s) => parseIsoDay(s) !== null, 'Write the date as YYYY-MM-DD, e.g. 2026-03-14.');
const base = { kind: z.literal('condition'), id: nodeId.optional(), column };

export const conditionSchema = z.discriminatedUnion('op', [
  z.object({ ...base, op: z.enum(TEXT_OPS), value: text }).strict(),
  z
    .object({
      ...base,
      op: z.literal('one_of'),
      values: z
        .array(text)
        .min(1, 'Add at least one value to the list.')
        .max(L.listValues, `A list has at most ${L.listValues.toLocaleString('en')} values.`)
        .refine(
          (v) => v.reduce((n, s) => n + s.length, 0) <= L.listTotalLength,
          `A list has at most ${L.listTotalLength.toLocaleString('en')} characters in all.`,
        ),
    })
    .strict(),
  z.object({ ...base, op: z.enum(PRESENCE_OPS) }).strict(),
  z.object({ ...base, op: z.enum(NUMBER_OPS), value: number }).strict(),
  z
    .object({ ...base, op: z.literal('num_between'), min: number, max: number })
    .strict()
    .refine((c) => c.min <= c.max, {
      message: 'The first number of "between" must not be larger than the second.',
      path: ['max'],
    }),
  z.object({ ...base, op: z.enum(DATE_OPS), value: day }).strict(),
  z
    .object({ ...base, op: z.literal('date_between'), from: day, to: day })
    .strict()
    .refine((c) => c.from <= c.to, {
      message: 'The first date of "between" must not be after the second.',
      path: ['to'],
    }),
]);

export type ConditionInput = z.input<typeof conditionSchema>;

export interface GroupInput {
  kind: 'group';
  id?: string | undefined;
  match: 'all' | 'any';
  items: (ConditionInput | GroupInput)[];
}

const groupObject = z
  .object({
    kind: z.literal('group'),
    id: nodeId.optional(),
    match: z.enum(['all', 'any'], { error: 'A group matches "all" or "any" of its conditions.' }),
    // Discriminated by `kind` (and conditions by `op`), so a mistake deep inside gets its own message.
    get items(): z.ZodArray<z.ZodType<ConditionInput | GroupInput, ConditionInput | GroupInput>> {
      return z
        .array(
          z.discriminatedUnion('kind', [
            conditionSchema,
            groupObject as unknown as z.ZodObject<{ kind: z.ZodLiteral<'group'> }>,
          ]),
        )
        .max(L.conditions + L.groups, 'That group has too many items.') as unknown as z.ZodArray<
        z.ZodType<ConditionInput | GroupInput, ConditionInput | GroupInput>
      >;
    },
  })
  .strict();

export const groupSchema: z.ZodType<GroupInput, GroupInput> = groupObject;

export interface FilterInput {
  version?: 1 | undefined;
  root: GroupInput;
  decimal: '.' | ',';
  dateOrder: 'dmy' | 'mdy';
}

/** Checks the bounds a recursive schema cannot: totals, depth and unique ids. */
export function filterLimitProblems(root: GroupInput): string[] {
  const problems: string[] = [];
  let conditions = 0;
  let groups = 0;
  let deepest = 0;
  const ids = new Set<string>();
  const dupes = new Set<string>();
  // Iterative with an explicit stack: a hostile document cannot exhaust the call stack.
  const stack: { node: ConditionInput | GroupInput; depth: number }[] = [{ node: root, depth: 1 }];
  let visited = 0;
  while (stack.length > 0 && visited < 10_000) {
    const { node, depth } = stack.pop()!;
    visited++;
    if (node.id !== undefined) {
      if (ids.has(node.id)) dupes.add(node.id);
      ids.add(node.id);
    }
    if (node.kind === 'group') {
      groups++;
      deepest = Math.max(deepest, depth);
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else conditions++;
  }
  if (conditions > L.conditions)
    problems.push(`A filter has at most ${L.conditions} conditions (this one has ${conditions}).`);
  if (groups > L.groups)
    problems.push(`A filter has at most ${L.groups} groups (this one has ${groups}).`);
  if (deepest > L.depth)
    problems.push(`Groups go at most ${L.depth - 1} levels deep inside the filter.`);
  if (dupes.size > 0)
    problems.push(`Two conditions share the id ${[...dupes].slice(0, 3).join(', ')}.`);
  return problems;
}

/**
 * How deeply arbitrary JSON nests (objects and arrays), walked without recursion and stopping past
 * `limit`: a hostile document nested thousands deep must get a message, not overflow the validator.
 */
function nestingAtMost(value: unknown, limit: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>))
      stack.push({ v: child, depth: depth + 1 });
  }
  return true;
}

// A group is two levels of JSON (object, items array), a condition one or two more (its list).
const MAX_JSON_NESTING = FILTER_LIMITS.depth * 2 + 4;

const filterObject: z.ZodType<FilterInput, FilterInput> = z
  .object({
    version: z.literal(1).optional(),
    root: groupSchema,
    decimal: z.enum(['.', ','], { error: 'Numbers are read with a decimal "." or ",".' }),
    dateOrder: z.enum(['dmy', 'mdy'], {
      error: 'Dates are read day first ("dmy") or month first ("mdy").',
    }),
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const message of filterLimitProblems(f.root))
      ctx.addIssue({ code: 'custom', message, path: ['root'] });
  });

export const filterSchema: z.ZodType<FilterInput, FilterInput> = z
  .custom<FilterInput>((v) => nestingAtMost(v, MAX_JSON_NESTING), {
    message: `Groups go at most ${FILTER_LIMITS.depth - 1} levels deep inside the filter.`,
  })
  .pipe(filterObject);

/** Gives every node an id (c1, c2… in reading order, skipping ids already taken) and the version. */
export function normalizeFilter(input: FilterInput): AudienceFilter {
  const taken = new Set<string>();
  const collect = (n: ConditionInput | GroupInput) => {
    if (n.id !== undefined) taken.add(n.id);
    if (n.kind === 'group') n.items.forEach(collect);
  };
  collect(input.root);
  let next = 0;
  const fresh = (prefix: string) => {
    let id: string;
    do id = `${prefix}${++next}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const node = (n: ConditionInput | GroupInput): FilterNode => {
    if (n.kind === 'group') return group(n);
    return { ...n, id: n.id ?? fresh('c') };
  };
  const group = (g: GroupInput): Group => ({
    kind: 'group',
    id: g.id ?? fresh('g'),
    match: g.match,
    items: g.items.map(node),
  });
  return {
    version: 1,
    root: group(input.root),
    decimal: input.decimal,
    dateOrder: input.dateOrder,
  };
}

/** Parses anything (stored JSON, a request) into a filter, or says what is wrong. */
export function parseFilter(
  raw: unknown,
): { ok: true; filter: AudienceFilter } | { ok: false; problems: string[] } {
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`),
    };
  }
  return { ok: true, filter: normalizeFilter(parsed.data) };
}
