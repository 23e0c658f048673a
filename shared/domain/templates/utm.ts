import { buttonsOf } from './components';
import type { Mapping } from './mapping';
import { findPlaceholders } from './placeholders';
import { resolveValues, type ResolvedValue } from './resolve';
import { templateSlots } from './slots';
import type { Template, TemplateButton } from './types';

/**
 * UTM parameters for dynamic URL buttons. Meta appends the button's variable verbatim to the end of
 * the template's URL (cloud-api.md §1.3: "exactly one variable, appended to the end of the template
 * URL"), so the only place campaign tags can go is the end of that variable: the app adds them to the
 * suffix, after the customer's own value, before a fragment.
 */

export const UTM_KEYS = ['source', 'medium', 'campaign', 'content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type UtmParams = Partial<Record<UtmKey, string>>;
/** A URL button's slot key (`button.0`) → the UTM parameters added to its link. */
export type UtmBySlot = Record<string, UtmParams>;

/**
 * cloud-api.md §6.4 gives "URL (incl. variable) ≤2000 chars" among the template-creation limits. Whether
 * Meta checks the filled-in URL at send time is not documented; the app holds every filled-in link to the
 * same limit so a long suffix (or many tags) is caught before sending rather than cut or refused later.
 */
export const URL_MAX_CHARS = 2000;

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A query value percent-encoded strictly: only the unreserved characters `A-Z a-z 0-9 - . _ ~` stay,
 * everything else becomes UTF-8 `%XX` — also `& = ? / + # '` and `!*()`, which encodeURIComponent
 * leaves alone but which the suffix rule (url-suffix.ts) refuses. A space is `%20`, never `+`.
 */
export function encodeQueryValue(value: string): string {
  // encodeURIComponent throws on a lone surrogate; browsers send the replacement character instead.
  const wellFormed = value.replace(LONE_SURROGATE, '\uFFFD');
  let out = '';
  for (const ch of wellFormed) {
    if (UNRESERVED.test(ch)) out += ch;
    else if ("!'()*".includes(ch)) out += `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** The tags as `utm_source=…&utm_medium=…`, in a fixed order, values trimmed, empty ones dropped. */
export function utmQuery(utm: UtmParams, skip: readonly UtmKey[] = []): string {
  return UTM_KEYS.filter((k) => !skip.includes(k))
    .map((k) => [k, (utm[k] ?? '').trim()] as const)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `utm_${k}=${encodeQueryValue(v)}`)
    .join('&');
}

export const hasUtm = (utm: UtmParams | undefined): boolean =>
  utm !== undefined && utmQuery(utm) !== '';

/** A dynamic URL button's template URL split around its variable (`https://shop.example/{{1}}`). */
export function dynamicUrlParts(button: TemplateButton): { prefix: string; after: string } | null {
  if (button.type !== 'URL' || button.url === undefined) return null;
  const p = findPlaceholders(button.url).find((x) => x.kind !== 'invalid');
  return p ? { prefix: button.url.slice(0, p.start), after: button.url.slice(p.end) } : null;
}

/** Why tags cannot be added to this button's link, or null when they can. */
export function utmBlocked(button: TemplateButton): string | null {
  const parts = dynamicUrlParts(button);
  if (!parts)
    return 'This button has no variable at the end of its link, so nothing can be added to it.';
  if (parts.after !== '')
    return 'The variable of this link is not at its end, so tags cannot be added after it.';
  if (parts.prefix.includes('#')) {
    return 'The link has a # before its variable: anything added lands in the fragment, which browsers never send to the web site, so UTM tags would not be seen.';
  }
  return null;
}

export type UtmAppend =
  { ok: true; suffix: string; fixedInTemplate: UtmKey[] } | { ok: false; reason: string };

const keyOf = (pair: string): string => {
  const eq = pair.indexOf('=');
  return eq < 0 ? pair : pair.slice(0, eq);
};

/**
 * The suffix with the tags added, for a button whose template URL is `prefix` + variable:
 * - `?` starts the query when neither the template URL nor the suffix has one, `&` continues it;
 * - a fragment (`#reviews`) stays at the very end, the tags go before it;
 * - a tag the suffix already carries is replaced, never duplicated; a tag fixed in the template's own
 *   URL cannot be changed from the suffix, so it is left out (and reported in `fixedInTemplate`);
 * - values are percent-encoded here; the customer's part of the suffix is left exactly as it is, so the
 *   existing rule that a link value must be percent-encoded still applies to it.
 */
export function appendUtm(prefix: string, suffix: string, utm: UtmParams): UtmAppend {
  if (prefix.includes('#')) {
    return {
      ok: false,
      reason: 'The link has a # before its variable, so UTM tags would land in the fragment.',
    };
  }
  const templateQuery = prefix.includes('?') ? prefix.slice(prefix.indexOf('?') + 1) : null;
  const fixedInTemplate = UTM_KEYS.filter(
    (k) => templateQuery?.split('&').some((p) => keyOf(p) === `utm_${k}`) ?? false,
  );
  const query = utmQuery(utm, fixedInTemplate);
  if (query === '') return { ok: true, suffix, fixedInTemplate };

  const hash = suffix.indexOf('#');
  const fragment = hash < 0 ? '' : suffix.slice(hash);
  let body = hash < 0 ? suffix : suffix.slice(0, hash);

  // Where the query starts within the suffix: at 0 when the template URL already opened it.
  const qAt = templateQuery !== null ? 0 : body.indexOf('?') + 1;
  const inQuery = templateQuery !== null || qAt > 0;
  if (inQuery) {
    const ours = new Set(
      UTM_KEYS.filter((k) => (utm[k] ?? '').trim() !== '' && !fixedInTemplate.includes(k)).map(
        (k) => `utm_${k}`,
      ),
    );
    // After a template URL ending in `?id=`, the suffix's first piece is the end of the template's own pair.
    const firstContinues = templateQuery !== null && !/[?&]$/.test(prefix);
    const kept = body
      .slice(qAt)
      .split('&')
      .filter((pair, i) => (i === 0 && firstContinues) || !ours.has(keyOf(pair)));
    body = body.slice(0, qAt) + kept.join('&');
  }
  const last = (prefix + body).at(-1);
  const separator = !inQuery ? '?' : last === '?' || last === '&' ? '' : '&';
  return { ok: true, suffix: body + separator + query + fragment, fixedInTemplate };
}

/**
 * Problems with the tags themselves, for the mapping summary: tags on a slot that is not a dynamic
 * URL button of this template (a switched template), or on a link that cannot take them.
 */
export function utmProblems(t: Template, utm: UtmBySlot | undefined): string[] {
  if (!utm) return [];
  const buttons = buttonsOf(t);
  const urlSlots = new Map(
    templateSlots(t)
      .filter((s) => s.kind === 'url_suffix')
      .map((s) => [s.key, s]),
  );
  const problems: string[] = [];
  for (const [key, params] of Object.entries(utm)) {
    if (!hasUtm(params)) continue;
    const slot = urlSlots.get(key);
    if (!slot) {
      problems.push(
        `${key} has UTM tags but is not a link button with a variable in this template: remove them.`,
      );
      continue;
    }
    const button = buttons[slot.buttonIndex ?? -1];
    const blocked = button ? utmBlocked(button) : null;
    if (blocked) problems.push(`${key}: ${blocked}`);
  }
  return problems;
}

/**
 * The values with each tagged link button's suffix extended. A missing value stays missing (the tags
 * alone are not a link), and a link that cannot take tags is left as it is (utmProblems reports it).
 */
export function applyUtm(
  t: Template,
  values: Readonly<Record<string, ResolvedValue>>,
  utm: UtmBySlot | undefined,
): Record<string, ResolvedValue> {
  const out: Record<string, ResolvedValue> = { ...values };
  if (!utm) return out;
  const buttons = buttonsOf(t);
  // Slot keys of link buttons are `button.<index>`: no need to walk every slot of the template.
  for (const [key, params] of Object.entries(utm)) {
    const v = out[key];
    const index = /^button\.(\d)$/.exec(key)?.[1];
    if (!v || v.missing || index === undefined) continue;
    const button = buttons[Number(index)];
    const split = button ? dynamicUrlParts(button) : null;
    if (!split || split.after !== '') continue;
    const added = appendUtm(split.prefix, v.value, params);
    if (added.ok) out[key] = { ...v, value: added.suffix };
  }
  return out;
}

/**
 * One recipient's values with the campaign's tags applied: what the preview, the validation and the
 * sender all use, so the link shown is the link sent.
 */
export function resolveMessageValues(
  t: Template,
  mapping: Mapping,
  fields: Readonly<Record<string, string>>,
  utm?: UtmBySlot,
): Record<string, ResolvedValue> {
  const values = resolveValues(t, mapping, fields);
  // Most campaigns have no tags: checking a million recipients should not pay for copying their values.
  return utm && Object.keys(utm).length > 0 ? applyUtm(t, values, utm) : values;
}
