import { parseTemplateJson, type Template } from '../../../shared/domain/templates';
import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, parseJson, stringOr } from './json';
import { redactJson } from './redact';
import type {
  ApiFailure,
  InvalidTemplate,
  ListTemplatesOptions,
  ListTemplatesOutcome,
} from './types';

const FIELDS =
  'name,language,status,category,sub_category,parameter_format,components,quality_score,message_send_ttl_seconds,id';
// Meta's default page is 25; bigger pages spend fewer of the 200 management calls per hour (§3.4).
const DEFAULT_LIMIT = 100;
const DEFAULT_MAX_PAGES = 50;

type NextPage = { kind: 'done' } | { kind: 'follow'; url: URL } | { kind: 'refuse'; why: string };

/**
 * Graph omits `paging.next` on the last page while still returning `cursors`, so a lone `cursors.after`
 * does not mean "more": only `next` does. A `next` on another server (a proxy or simulator handing out
 * Meta's absolute URLs) is never called with our token; its `after` cursor is replayed on our own base
 * URL instead, and without a cursor the listing fails rather than look complete.
 */
const nextPage = (caller: Caller, page: Record<string, unknown>, current: URL): NextPage => {
  const paging = isRecord(page.paging) ? page.paging : {};
  const next = stringOr(paging.next, null);
  if (next === null) return { kind: 'done' };
  let url: URL;
  try {
    url = new URL(next, current);
  } catch {
    return { kind: 'refuse', why: 'the link to the next page of templates is not a URL' };
  }
  if (caller.isOwnUrl(url)) return { kind: 'follow', url };
  const cursors = isRecord(paging.cursors) ? paging.cursors : {};
  const after = stringOr(cursors.after, null) ?? stringOr(url.searchParams.get('after'), null);
  if (after === null) {
    return {
      kind: 'refuse',
      why: `the next page of templates is on another server (${url.origin}); not sending the access key there`,
    };
  }
  const replay = new URL(current);
  replay.searchParams.delete('before');
  replay.searchParams.set('after', after);
  return { kind: 'follow', url: replay };
};

const positiveInt = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a whole number >= 1, got ${value}`);
  return value;
};

/**
 * GET /{v}/{waba-id}/message_templates, every page. Templates Campaign Desk cannot read are returned in
 * `invalid` (with the reasons) instead of failing the whole list; a failed page fails the whole list so a
 * partial list never looks complete.
 */
export const listTemplates = async (
  caller: Caller,
  wabaId: string,
  options: ListTemplatesOptions = {},
): Promise<ListTemplatesOutcome> => {
  const limit = positiveInt('limit', options.limit ?? DEFAULT_LIMIT);
  const maxPages = positiveInt('maxPages', options.maxPages ?? DEFAULT_MAX_PAGES);
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const templates: Template[] = [];
  const invalid: InvalidTemplate[] = [];
  const fetched = new Set<string>();
  let url: URL | null = caller.url([wabaId, 'message_templates'], { fields: FIELDS, limit });

  while (url !== null) {
    if (fetched.size >= maxPages)
      return { ok: true, templates, invalid, pages: fetched.size, complete: false };
    fetched.add(url.href);
    const result = await caller.call({ method: 'GET', url });
    if (result.kind !== 'response') return failureFromCall(result, ctx);
    if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
    const page = parseJson(result.body);
    if (!isRecord(page) || !Array.isArray(page.data))
      return malformedFailure(result, ctx, 'a page of templates has no "data" list');

    for (const raw of page.data as unknown[]) {
      const parsed = parseTemplateJson(raw);
      if (parsed.ok) templates.push(parsed.template);
      else
        invalid.push({
          raw: redactJson(raw, caller.secrets()),
          errors: parsed.errors.map(caller.redact),
        });
    }

    const next = nextPage(caller, page, url);
    if (next.kind === 'refuse') return refused(result, ctx, next.why);
    if (next.kind === 'follow' && fetched.has(next.url.href))
      return refused(result, ctx, 'the server sent the same page of templates twice');
    url = next.kind === 'follow' ? next.url : null;
  }
  return { ok: true, templates, invalid, pages: fetched.size, complete: true };
};

const refused = (
  result: Parameters<typeof malformedFailure>[0],
  ctx: FailureContext,
  why: string,
): ApiFailure => malformedFailure({ ...result, body: Buffer.alloc(0) }, ctx, why);
