import {
  HEADER_PARAMETER_MAX_CHARS,
  isDynamicUrlButton,
  templateSlots,
  type ResolvedValue,
  type Slot,
  type Template,
  type TemplateButton,
} from '../../shared/domain/templates';
import { fail } from './errors';
import { isRecord } from './http';
import { checkMediaParameter, type MediaLookup } from './send-media';

/**
 * Checks the `template.components` of a send against the template, the way Cloud API does:
 * 132000 when values are missing or extra, 132012 when they have the wrong form (e.g. positional
 * values for a NAMED template), 132005 when the filled-in body is too long.
 */

export type Values = Record<string, ResolvedValue>;
export const value = (v: string): ResolvedValue => ({ value: v, missing: false, source: 'static' });
export const chars = (s: string): number => Array.from(s).length;

export interface Sent {
  header?: Record<string, unknown>;
  body?: Record<string, unknown>;
  buttons: Map<number, Record<string, unknown>>;
  limited_time_offer?: Record<string, unknown>;
  carousel?: Record<string, unknown>;
}

function parseIndex(raw: unknown): number {
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\d+$/.test(raw.trim())
        ? Number(raw)
        : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 9)
    fail(100, `button: index must be a number from 0 to 9, got ${JSON.stringify(raw)}.`);
  return n;
}

export function collect(components: unknown): Sent {
  const sent: Sent = { buttons: new Map() };
  if (components === undefined) return sent;
  if (!Array.isArray(components)) return fail(100, 'template.components must be an array.');
  for (const c of components) {
    if (!isRecord(c) || typeof c.type !== 'string')
      fail(100, 'Every template component needs a "type".');
    const comp = c as Record<string, unknown> & { type: string };
    const type = comp.type.toLowerCase();
    if (
      type === 'header' ||
      type === 'body' ||
      type === 'limited_time_offer' ||
      type === 'carousel'
    ) {
      if (sent[type]) fail(100, `template.components has more than one ${type}.`);
      sent[type] = comp;
    } else if (type === 'button') {
      if (typeof comp.sub_type !== 'string')
        fail(131008, 'button: the parameter sub_type is required.');
      const index = parseIndex(comp.index);
      if (sent.buttons.has(index)) fail(100, `button: more than one component for index ${index}.`);
      sent.buttons.set(index, comp);
    } else {
      fail(100, `Invalid component type "${comp.type}".`);
    }
  }
  return sent;
}

export function parametersOf(
  where: string,
  comp: Record<string, unknown> | undefined,
): Record<string, unknown>[] {
  if (comp === undefined) return [];
  const params = comp.parameters;
  if (params === undefined) return fail(131008, `${where}: the parameter parameters is required.`);
  if (!Array.isArray(params)) return fail(100, `${where}: parameters must be an array.`);
  return params.map((p) =>
    isRecord(p) ? p : fail(100, `${where}: every parameter must be an object.`),
  );
}

/** The text a body or text-header parameter puts into the message. */
function textOf(where: string, p: Record<string, unknown>, allowRich: boolean): string {
  const type = typeof p.type === 'string' ? p.type : 'UNKNOWN';
  if (type === 'text') {
    if (typeof p.text !== 'string' || p.text === '')
      fail(131008, `${where}: Parameter of type text is missing text value.`);
    return p.text as string;
  }
  if (allowRich && type === 'currency') {
    const c = p.currency;
    if (
      !isRecord(c) ||
      typeof c.fallback_value !== 'string' ||
      typeof c.code !== 'string' ||
      typeof c.amount_1000 !== 'number'
    ) {
      fail(131008, `${where}: a currency parameter needs fallback_value, code and amount_1000.`);
    }
    return (c as { fallback_value: string }).fallback_value;
  }
  if (allowRich && type === 'date_time') {
    const d = p.date_time;
    if (!isRecord(d) || typeof d.fallback_value !== 'string')
      fail(131008, `${where}: a date_time parameter needs fallback_value.`);
    return (d as { fallback_value: string }).fallback_value;
  }
  return fail(132012, `${where}: Format mismatch, expected TEXT, received ${type.toUpperCase()}.`);
}

export function checkTextParameters(
  where: string,
  slots: Slot[],
  params: Record<string, unknown>[],
  named: boolean,
  values: Values,
): void {
  // Amounts and dates are allowed wherever body text is (the message body and card bodies).
  const rich = where.endsWith('body');
  const withName = params.filter((p) => p.parameter_name !== undefined).length;
  if (named && withName < params.length) {
    fail(
      132012,
      `${where}: this template uses NAMED parameters; every parameter needs a parameter_name.`,
    );
  }
  if (!named && withName > 0)
    fail(
      132012,
      `${where}: this template uses POSITIONAL parameters; parameter_name is not expected.`,
    );

  if (!named) {
    if (params.length !== slots.length) {
      fail(
        132000,
        `${where}: number of localizable_params (${params.length}) does not match the expected number of params (${slots.length}).`,
      );
    }
    params.forEach((p, i) => (values[slots[i]!.key] = value(textOf(where, p, rich))));
    return;
  }
  const expected = new Map(slots.map((s) => [s.name, s]));
  const seen = new Set<string>();
  for (const p of params) {
    const name = p.parameter_name;
    const slot = typeof name === 'string' ? expected.get(name) : undefined;
    if (!slot)
      fail(
        132000,
        `${where}: unknown parameter_name ${JSON.stringify(name)}; expected ${[...expected.keys()].join(', ') || 'none'}.`,
      );
    if (seen.has(slot!.name))
      fail(132000, `${where}: parameter_name "${slot!.name}" is given twice.`);
    seen.add(slot!.name);
    values[slot!.key] = value(textOf(where, p, rich));
  }
  const missing = slots.filter((s) => !seen.has(s.name)).map((s) => s.name);
  if (missing.length > 0) fail(132000, `${where}: missing parameter_name ${missing.join(', ')}.`);
}

export function checkHeader(t: Template, sent: Sent, values: Values, media: MediaLookup): void {
  const slots = templateSlots(t).filter((s) => s.component === 'header');
  const mediaSlot = slots.find((s) => s.kind === 'media' || s.kind === 'location');
  const params = parametersOf('header', sent.header);
  if (mediaSlot) {
    const format = mediaSlot.kind === 'location' ? 'LOCATION' : (mediaSlot.mediaFormat ?? 'IMAGE');
    if (params.length === 0)
      fail(132012, `header: Format mismatch, expected ${format}, received UNKNOWN.`);
    if (params.length > 1)
      fail(
        132000,
        `header: number of params (${params.length}) does not match the expected number of params (1).`,
      );
    values[mediaSlot.key] = value(checkMediaParameter(format, params[0]!, media));
    return;
  }
  checkTextParameters('header', slots, params, t.parameter_format === 'NAMED', values);
  for (const s of slots) {
    const v = values[s.key]?.value ?? '';
    if (chars(v) > HEADER_PARAMETER_MAX_CHARS) {
      fail(
        100,
        `header: Param text is ${chars(v)} characters long; a header parameter can have at most ${HEADER_PARAMETER_MAX_CHARS}.`,
      );
    }
  }
}

/**
 * The button components of a send against the template's (or one card's) buttons; `slots` are the
 * buttons that need a parameter, `keyOf` names the value a button fills in.
 */
export function checkButtonSet(
  buttons: readonly TemplateButton[],
  sentButtons: Map<number, Record<string, unknown>>,
  slots: readonly Slot[],
  where0: string,
  values: Values,
): void {
  for (const [index, comp] of sentButtons) {
    const where = `${where0}button at index ${index}`;
    const b = buttons[index];
    if (!b) fail(132000, `${where}: the template has no button at this index.`);
    const sub = (comp.sub_type as string).toLowerCase();
    const params = parametersOf(where, comp);
    const expectedType = SUB_TYPES[sub];
    if (expectedType === undefined)
      fail(100, `${where}: unsupported sub_type "${comp.sub_type as string}".`);
    if (b!.type !== expectedType)
      fail(132012, `${where}: sub_type ${sub} does not match the template's ${b!.type} button.`);
    if (sub === 'url' && !isDynamicUrlButton(b!))
      fail(132000, `${where}: this URL button has no variable and takes no parameters.`);
    if (params.length !== 1)
      fail(132000, `${where}: expected 1 parameter, received ${params.length}.`);
    const key = slots.find((s) => s.buttonIndex === index)?.key ?? `${where0}button.${index}`;
    values[key] = value(buttonValue(where, sub, params[0]!));
  }
  for (const s of slots) {
    if (!sentButtons.has(s.buttonIndex ?? -1))
      fail(
        132000,
        `${where0}button at index ${s.buttonIndex ?? 0}: this button needs a parameter.`,
      );
  }
}

const SUB_TYPES: Record<string, string> = {
  url: 'URL',
  quick_reply: 'QUICK_REPLY',
  copy_code: 'COPY_CODE',
};

function buttonValue(where: string, sub: string, p: Record<string, unknown>): string {
  if (sub === 'url') {
    if (p.type !== 'text') fail(132012, `${where}: Format mismatch, expected TEXT.`);
    if (typeof p.text !== 'string' || p.text === '')
      fail(131008, `${where}: Parameter of type text is missing text value.`);
    return p.text as string;
  }
  if (sub === 'quick_reply') {
    if (p.type !== 'payload' || typeof p.payload !== 'string')
      fail(132012, `${where}: a quick reply takes one payload parameter.`);
    return p.payload as string;
  }
  if (p.type !== 'coupon_code' || typeof p.coupon_code !== 'string' || p.coupon_code === '')
    fail(132012, `${where}: a copy_code button takes one coupon_code parameter.`);
  return p.coupon_code as string;
}
