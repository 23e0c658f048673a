import { z } from 'zod';
import {
  KNOWN_BUTTON_TYPES,
  type ButtonsComponent,
  type CarouselCard,
  type CarouselComponent,
  type LimitedTimeOfferComponent,
  type HeaderComponent,
  type Template,
  type TemplateButton,
  type TemplateComponent,
} from './types';

export type TemplateParseResult =
  { ok: true; template: Template } | { ok: false; errors: string[] };

const COMPONENT_TYPES = [
  'HEADER',
  'BODY',
  'FOOTER',
  'BUTTONS',
  'LIMITED_TIME_OFFER',
  'CAROUSEL',
] as const;
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION', 'PRODUCT'] as const;
const KNOWN_TYPES = `${COMPONENT_TYPES.slice(0, -1).join(', ')} and ${COMPONENT_TYPES[COMPONENT_TYPES.length - 1]}`;
/** Bounds so a hostile file cannot make the parser loop for long; far above Meta's own limits. */
const MAX_CARD_COMPONENTS = 20;
const MAX_CARDS = 50;

const upper = (v: unknown): unknown => (typeof v === 'string' ? v.trim().toUpperCase() : v);
const upperEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(upper, z.enum(values));

const namedParamExample = z.object({ param_name: z.string(), example: z.string() });
const stringList = z.union([z.string().transform((s) => [s]), z.array(z.string())], {
  error: 'should be text or a list of texts',
});

const templateFields = z.object({
  name: z.string().trim().min(1),
  language: z.union(
    [
      z.string().trim().min(1),
      z.object({ code: z.string().trim().min(1) }).transform((l) => l.code),
    ],
    {
      error: 'should be a language code such as "en_US"',
    },
  ),
  status: z.preprocess(upper, z.string().min(1)),
  category: z.preprocess(upper, z.string().min(1)),
  sub_category: z.string().optional(),
  // Meta's TTL; a value that is not a positive whole number is left out (the default applies).
  message_send_ttl_seconds: z.number().int().positive().optional().catch(undefined),
  parameter_format: upperEnum(['POSITIONAL', 'NAMED']).optional().default('POSITIONAL'),
  id: z.union([z.string(), z.number().transform(String)], { error: 'should be text' }).optional(),
  quality_score: z
    .union(
      [
        z.string().transform((score) => ({ score })),
        z.object({ score: z.string(), date: z.number().optional() }),
      ],
      {
        error: 'should be a score such as "GREEN" or {"score": "GREEN"}',
      },
    )
    .optional(),
});

const headerSchema = z.object({
  format: upperEnum(HEADER_FORMATS).optional(),
  text: z.string().optional(),
  example: z
    .object({
      header_text: z.array(z.string()).optional(),
      header_text_named_params: z.array(namedParamExample).optional(),
      header_handle: z.array(z.string()).optional(),
    })
    .optional(),
});

const bodySchema = z.object({
  text: z.string(),
  example: z
    .object({
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z.array(namedParamExample).optional(),
    })
    .optional(),
});

const footerSchema = z.object({ text: z.string() });

const buttonSchema = z.object({
  type: z.preprocess(upper, z.string().min(1)),
  text: z.string().optional().default(''),
  url: z.string().optional(),
  phone_number: z.string().optional(),
  example: stringList.optional(),
  otp_type: z.preprocess(upper, z.string()).optional(),
});
const buttonsSchema = z.object({ buttons: z.array(buttonSchema) });

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Meta sometimes sends `null` for absent optional fields; treating null as absent keeps the schema simple. */
const dropNulls = (obj: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null));

export const typeName = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text "${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  return typeof v;
};

const expectedName: Record<string, string> = {
  string: 'text',
  number: 'a number',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};

const pathLabel = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
};

/** Turns zod's developer-facing issues into sentences a shop owner can act on. */
function humanIssues(issues: readonly z.core.$ZodIssue[], root: unknown, where: string): string[] {
  return issues.map((issue) => {
    const field = `"${pathLabel(issue.path)}"`;
    const value = valueAt(root, issue.path);
    if (value === undefined) return `${where} is missing ${field}.`;
    switch (issue.code) {
      case 'invalid_type':
        return `${where}: ${field} should be ${expectedName[issue.expected] ?? issue.expected}, not ${typeName(value)}.`;
      case 'invalid_value':
        return `${where}: ${field} is ${typeName(value)}; expected one of ${issue.values.map(String).join(', ')}.`;
      case 'too_small':
        return `${where}: ${field} is empty.`;
      default:
        return `${where}: ${field} ${issue.message}.`;
    }
  });
}

function parseHeader(
  raw: Record<string, unknown>,
  where: string,
  errors: string[],
): HeaderComponent | undefined {
  const r = headerSchema.safeParse(raw);
  if (!r.success) {
    const fmt = upper(raw.format);
    if (typeof fmt === 'string' && !(HEADER_FORMATS as readonly string[]).includes(fmt)) {
      errors.push(
        `${where} has the header format "${fmt}"; Campaign Desk understands TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION and PRODUCT headers.`,
      );
      return undefined;
    }
    errors.push(...humanIssues(r.error.issues, raw, where));
    return undefined;
  }
  const format = r.data.format ?? (r.data.text !== undefined ? 'TEXT' : undefined);
  if (format === undefined) {
    errors.push(`${where} has neither a "format" nor a "text".`);
    return undefined;
  }
  if (format === 'TEXT' && r.data.text === undefined) {
    errors.push(`${where} is a text header but has no "text".`);
    return undefined;
  }
  return { type: 'HEADER', ...r.data, format };
}

function parseButtons(
  raw: Record<string, unknown>,
  where: string,
  errors: string[],
): ButtonsComponent | undefined {
  const list: unknown = raw.buttons;
  const rawButtons = Array.isArray(list)
    ? list.map((b: unknown) => (isRecord(b) ? dropNulls(b) : b))
    : list;
  const r = buttonsSchema.safeParse({ ...raw, buttons: rawButtons });
  if (!r.success) {
    errors.push(...humanIssues(r.error.issues, { buttons: rawButtons }, where));
    return undefined;
  }
  const buttons = r.data.buttons.map((b): TemplateButton => {
    const known = (KNOWN_BUTTON_TYPES as readonly string[]).includes(b.type);
    return known ? b : { ...b, unknownType: true };
  });
  return { type: 'BUTTONS', buttons };
}

/** `{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":…,"has_expiration":…}}` (Meta's LTO page). */
export function parseLto(
  raw: Record<string, unknown>,
  where: string,
  errors: string[],
): LimitedTimeOfferComponent | undefined {
  const lto = raw.limited_time_offer;
  if (!isRecord(lto) || typeof lto.text !== 'string') {
    errors.push(`${where} needs "limited_time_offer": {"text": "…", "has_expiration": true}.`);
    return undefined;
  }
  const has = lto.has_expiration;
  if (has !== undefined && has !== null && typeof has !== 'boolean') {
    errors.push(`${where}: "has_expiration" should be true or false, not ${typeName(has)}.`);
    return undefined;
  }
  return {
    type: 'LIMITED_TIME_OFFER',
    limited_time_offer: {
      text: lto.text,
      ...(typeof has === 'boolean' && { has_expiration: has }),
    },
  };
}

function parseCard(raw: unknown, where: string, errors: string[]): CarouselCard | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.components)) {
    errors.push(`${where} should be an object with a "components" list.`);
    return undefined;
  }
  const components: CarouselCard['components'] = [];
  const before = errors.length;
  raw.components.slice(0, MAX_CARD_COMPONENTS).forEach((c, i) => {
    const local: string[] = [];
    const parsed = parseComponent(c, i, local);
    errors.push(...local.map((e) => `${where}: ${e}`));
    if (!parsed) return;
    if (parsed.type === 'HEADER' || parsed.type === 'BODY' || parsed.type === 'BUTTONS')
      components.push(parsed);
    else errors.push(`${where}: a carousel card holds a header, a body and buttons only.`);
  });
  return errors.length === before ? { components } : undefined;
}

/** `{"type":"CAROUSEL","cards":[{"components":[…]}, …]}`; the card count is checked as a problem, not here. */
export function parseCarousel(
  raw: Record<string, unknown>,
  where: string,
  errors: string[],
): CarouselComponent | undefined {
  if (!Array.isArray(raw.cards)) {
    errors.push(`${where} needs a "cards" list.`);
    return undefined;
  }
  if (raw.cards.length > MAX_CARDS) {
    errors.push(`${where} has ${raw.cards.length} cards; a carousel has at most 10.`);
    return undefined;
  }
  const cards = raw.cards.map((c, i) => parseCard(c, `${where}, card ${i + 1}`, errors));
  if (cards.some((c) => c === undefined)) return undefined;
  return { type: 'CAROUSEL', cards: cards as CarouselCard[] };
}

/** Parses one HEADER/BODY/FOOTER/BUTTONS component; also used for drafts and carousel cards. */
export function parseComponent(
  raw: unknown,
  index: number,
  errors: string[],
): TemplateComponent | undefined {
  const n = index + 1;
  if (!isRecord(raw)) {
    errors.push(`Component ${n} should be an object with a "type", not ${typeName(raw)}.`);
    return undefined;
  }
  if (typeof raw.type !== 'string' || raw.type.trim() === '') {
    errors.push(`Component ${n} has no "type"; Campaign Desk understands ${KNOWN_TYPES}.`);
    return undefined;
  }
  const type = raw.type.trim().toUpperCase();
  const where = `Component ${n} (${type})`;
  const fields = dropNulls(raw);
  switch (type) {
    case 'HEADER':
      return parseHeader(fields, where, errors);
    case 'BODY': {
      const r = bodySchema.safeParse(fields);
      if (r.success) return { type: 'BODY', ...r.data };
      errors.push(...humanIssues(r.error.issues, fields, where));
      return undefined;
    }
    case 'FOOTER': {
      const r = footerSchema.safeParse(fields);
      if (r.success) return { type: 'FOOTER', ...r.data };
      errors.push(...humanIssues(r.error.issues, fields, where));
      return undefined;
    }
    case 'BUTTONS':
      return parseButtons(fields, where, errors);
    case 'LIMITED_TIME_OFFER':
      return parseLto(fields, where, errors);
    case 'CAROUSEL':
      return parseCarousel(fields, where, errors);
    default:
      errors.push(
        `Component ${n} has an unknown type "${raw.type}"; Campaign Desk understands ${KNOWN_TYPES}.`,
      );
      return undefined;
  }
}

/** Parses ONE template in the shape `GET message_templates` returns. */
export function parseTemplateJson(raw: unknown): TemplateParseResult {
  if (!isRecord(raw)) {
    return {
      ok: false,
      errors: [
        `A template should be a JSON object with a name, a language and components, not ${typeName(raw)}.`,
      ],
    };
  }
  const fields = dropNulls(raw);
  const errors: string[] = [];
  const head = templateFields.safeParse(fields);
  if (!head.success) errors.push(...humanIssues(head.error.issues, fields, 'The template'));

  const components: TemplateComponent[] = [];
  if (!Array.isArray(fields.components)) {
    errors.push(
      fields.components === undefined
        ? 'The template has no "components" list.'
        : `The template's "components" should be a list, not ${typeName(fields.components)}.`,
    );
  } else {
    fields.components.forEach((c, i) => {
      const parsed = parseComponent(c, i, errors);
      if (parsed) components.push(parsed);
    });
    const counts = new Map<string, number>();
    for (const c of components) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
    for (const [type, count] of counts) {
      if (count > 1)
        errors.push(`The template has ${count} ${type} components; a template has at most one.`);
    }
    const rawTypes = fields.components.map((c) =>
      isRecord(c) && typeof c.type === 'string' ? c.type.trim().toUpperCase() : '',
    );
    // A BODY that failed to parse has already been explained; don't also call it missing.
    if (!rawTypes.includes('BODY')) errors.push('The template has no BODY component.');
  }

  if (!head.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, template: { ...head.data, components } };
}
