import { z } from 'zod';
import { accountUpdateChange } from './tier-update';
import {
  addProblem,
  isLadderStatus,
  type InboundMedia,
  type Observation,
  type ParsedObservations,
  type StatusError,
  type StatusPricing,
} from './types';
import { categoryChange, templateChange } from './webhook-templates';
import { seconds, text, userId, waId } from './webhook-fields';

/**
 * Meta's webhook bodies (cloud-api.md §4.1 statuses, §6.3 template status, §9 user_preferences, and
 * inbound `messages`) into typed observations. Each level is parsed on its own, so one malformed
 * item is reported and skipped while the rest of the body still counts. Nothing here throws.
 */

const contactItem = z.object({ wa_id: waId.optional(), user_id: userId.optional() });

/** `contacts[]` of a change: the user id Meta pairs with each wa_id, when it sends both. */
function userIdsOf(contacts: unknown[] | undefined): Map<string, string> {
  const byWaId = new Map<string, string>();
  for (const raw of contacts ?? []) {
    const c = contactItem.safeParse(raw);
    if (c.success && c.data.wa_id && c.data.user_id) byWaId.set(c.data.wa_id, c.data.user_id);
  }
  return byWaId;
}
const errorItem = z.object({
  code: z.number().int().optional(),
  title: text(2000).optional(),
  message: text(2000).optional(),
  error_data: z.object({ details: text(4000).optional() }).optional(),
});

const statusItem = z.object({
  id: z.string().min(1).max(400),
  status: z.string().min(1).max(40),
  timestamp: seconds,
  recipient_id: text(64).optional(),
  biz_opaque_callback_data: text(512).optional(),
  errors: z.array(z.unknown()).max(50).optional(),
  pricing: z.unknown().optional(),
});

/**
 * `pricing` of a status (cloud-api.md §4.1, verified on Meta's status webhook reference): whether the
 * message is billable, the pricing `type` (regular, free_customer_service, free_entry_point) and the
 * `category` it was billed as (marketing, utility, authentication, authentication_international,
 * service, marketing_lite). Read leniently: a pricing object we cannot read costs the status nothing.
 */
const pricingItem = z.object({
  billable: z.boolean().optional(),
  type: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  category: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
});

function pricingOf(raw: unknown): StatusPricing | null {
  const p = pricingItem.safeParse(raw);
  if (!p.success || raw === undefined) return null;
  return {
    billable: p.data.billable ?? null,
    type: p.data.type ?? null,
    category: p.data.category ?? null,
  };
}

const metadata = z.object({ phone_number_id: text(64).optional() }).optional();

const messagesValue = z.object({
  metadata,
  statuses: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  contacts: z.array(z.unknown()).max(1000).optional(),
  errors: z.array(z.unknown()).optional(),
});

const mediaItem = z.object({
  id: z.string().min(1).max(200),
  mime_type: text(200).optional(),
  sha256: text(200).optional(),
  caption: text(4000).optional(),
  filename: text(1000).optional(),
});

// Since 2026 `from` may be absent (usernames): `from_user_id` then names the sender.
const inboundItem = z.object({
  id: z.string().min(1).max(400),
  from: waId.optional(),
  from_user_id: userId.optional(),
  timestamp: seconds,
  type: text(40),
  text: z.object({ body: text(10_000) }).optional(),
  button: z.object({ payload: text(2000).optional(), text: text(2000).optional() }).optional(),
  interactive: z
    .object({
      button_reply: z
        .object({ id: text(2000).optional(), title: text(2000).optional() })
        .optional(),
      list_reply: z.object({ id: text(2000).optional(), title: text(2000).optional() }).optional(),
    })
    .optional(),
  context: z.object({ id: text(400).optional() }).optional(),
  // Verified against Meta's webhook reference pages (image, document; 2026) and the OpenAPI's
  // ReactionMessage: media carry id, mime_type, sha256, an optional caption (documents a filename).
  image: mediaItem.optional(),
  document: mediaItem.optional(),
  audio: mediaItem.optional(),
  video: mediaItem.optional(),
  sticker: mediaItem.optional(),
  reaction: z.object({ message_id: text(400).optional(), emoji: text(64).optional() }).optional(),
});

const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;

function mediaOf(m: z.infer<typeof inboundItem>): InboundMedia | null {
  for (const kind of MEDIA_TYPES) {
    const x = m[kind];
    if (x && m.type === kind)
      return {
        kind,
        id: x.id,
        mimeType: x.mime_type ?? null,
        sha256: x.sha256 ?? null,
        caption: x.caption ?? null,
        filename: x.filename ?? null,
      };
  }
  return null;
}

const preferencesValue = z.object({
  metadata,
  user_preferences: z.array(z.unknown()),
  contacts: z.array(z.unknown()).max(1000).optional(),
});
// Since 2026 `wa_id` may be absent (usernames): `user_id` then names the person.
const preferenceItem = z.object({
  wa_id: waId.optional(),
  user_id: userId.optional(),
  value: z.string().max(20),
  category: text(60).optional(),
  detail: text(2000).optional(),
  timestamp: seconds,
});

const change = z.object({ field: z.string().max(100), value: z.unknown() });
const entry = z.object({
  id: text(64).optional(),
  time: seconds.optional(),
  changes: z.array(z.unknown()),
});
const envelope = z.object({ object: z.string().optional(), entry: z.array(z.unknown()) });

function errorOf(errors: unknown[] | undefined): StatusError | null {
  const first = errors?.[0];
  if (first === undefined) return null;
  const e = errorItem.safeParse(first);
  if (!e.success)
    return { code: null, title: 'The message could not be delivered.', details: null };
  return {
    code: e.data.code ?? null,
    title: e.data.title ?? e.data.message ?? '',
    details: e.data.error_data?.details ?? null,
  };
}

function messagesChange(value: unknown, out: ParsedObservations, where: string): void {
  const v = messagesValue.safeParse(value);
  if (!v.success) return addProblem(out, `${where}: the "messages" change is malformed.`);
  const phoneNumberId = v.data.metadata?.phone_number_id ?? null;
  (v.data.statuses ?? []).forEach((raw, i) => {
    const s = statusItem.safeParse(raw);
    if (!s.success)
      return addProblem(
        out,
        `${where} status ${i}: malformed (${s.error.issues[0]?.path.join('.') ?? '?'}).`,
      );
    if (!isLadderStatus(s.data.status))
      return addProblem(
        out,
        `${where} status ${i}: unknown status "${s.data.status}" for ${s.data.id}, ignored.`,
      );
    out.observations.push({
      kind: 'status',
      wamid: s.data.id,
      status: s.data.status,
      at: s.data.timestamp,
      waId: s.data.recipient_id ?? null,
      callback: s.data.biz_opaque_callback_data ?? null,
      error:
        s.data.status === 'failed'
          ? (errorOf(s.data.errors) ?? {
              code: null,
              title: 'The message could not be delivered.',
              details: null,
            })
          : null,
      pricing: pricingOf(s.data.pricing),
      phoneNumberId,
      raw,
    });
  });
  const users = userIdsOf(v.data.contacts);
  (v.data.messages ?? []).forEach((raw, i) => {
    const m = inboundItem.safeParse(raw);
    if (!m.success) return addProblem(out, `${where} inbound message ${i}: malformed.`);
    if (!m.data.from && !m.data.from_user_id)
      return addProblem(out, `${where} inbound message ${i}: names no sender.`);
    const reply = m.data.interactive?.button_reply ?? m.data.interactive?.list_reply;
    const button = m.data.button
      ? { payload: m.data.button.payload ?? null, text: m.data.button.text ?? null }
      : reply
        ? { payload: reply.id ?? null, text: reply.title ?? null }
        : null;
    out.observations.push({
      kind: 'inbound',
      messageId: m.data.id,
      waId: m.data.from ?? null,
      userId: m.data.from_user_id ?? (m.data.from ? (users.get(m.data.from) ?? null) : null),
      type: m.data.type,
      text: m.data.text?.body ?? null,
      button,
      contextId: m.data.context?.id ?? null,
      at: m.data.timestamp,
      phoneNumberId,
      media: mediaOf(m.data),
      reaction:
        m.data.type === 'reaction' && m.data.reaction?.message_id
          ? { messageId: m.data.reaction.message_id, emoji: m.data.reaction.emoji ?? '' }
          : null,
      raw,
    });
  });
  if (v.data.errors?.length)
    addProblem(
      out,
      `${where}: Meta reported ${v.data.errors.length} error(s) for the webhook itself.`,
    );
}

function preferencesChange(value: unknown, out: ParsedObservations, where: string): void {
  const v = preferencesValue.safeParse(value);
  if (!v.success) return addProblem(out, `${where}: the user_preferences change is malformed.`);
  const users = userIdsOf(v.data.contacts);
  v.data.user_preferences.forEach((raw, i) => {
    const p = preferenceItem.safeParse(raw);
    if (!p.success) return addProblem(out, `${where} preference ${i}: malformed.`);
    if (!p.data.wa_id && !p.data.user_id)
      return addProblem(out, `${where} preference ${i}: names no customer.`);
    const value = p.data.value.toLowerCase();
    if (value !== 'stop' && value !== 'resume')
      return addProblem(out, `${where} preference ${i}: unknown value "${p.data.value}", ignored.`);
    out.observations.push({
      kind: 'preference',
      waId: p.data.wa_id ?? null,
      userId: p.data.user_id ?? (p.data.wa_id ? (users.get(p.data.wa_id) ?? null) : null),
      value,
      category: p.data.category ?? null,
      detail: p.data.detail ?? null,
      at: p.data.timestamp,
      phoneNumberId: v.data.metadata?.phone_number_id ?? null,
      raw,
    });
  });
}

/** Parses one webhook body as Meta POSTs it; `label` names it in problems (e.g. the relay cursor). */
export function parseWebhook(body: unknown, label = 'webhook'): ParsedObservations {
  const out: ParsedObservations = { observations: [], problems: [], ignored: 0 };
  const env = envelope.safeParse(body);
  if (!env.success) {
    addProblem(out, `${label}: not a WhatsApp webhook body (no "entry" list).`);
    return out;
  }
  if (env.data.object !== undefined && env.data.object !== 'whatsapp_business_account') {
    addProblem(
      out,
      `${label}: object "${env.data.object}" is not whatsapp_business_account, ignored.`,
    );
    return out;
  }
  env.data.entry.forEach((rawEntry, e) => {
    const en = entry.safeParse(rawEntry);
    if (!en.success) return addProblem(out, `${label} entry ${e}: malformed.`);
    en.data.changes.forEach((rawChange, c) => {
      const where = `${label} entry ${e} change ${c}`;
      const ch = change.safeParse(rawChange);
      if (!ch.success) return addProblem(out, `${where}: malformed.`);
      switch (ch.data.field) {
        case 'messages':
          return messagesChange(ch.data.value, out, where);
        case 'message_template_status_update':
          return templateChange(ch.data.value, en.data.id ?? null, en.data.time ?? 0, out, where);
        case 'template_category_update':
          return categoryChange(ch.data.value, en.data.id ?? null, en.data.time ?? 0, out, where);
        case 'user_preferences':
          return preferencesChange(ch.data.value, out, where);
        case 'account_update':
          return accountUpdateChange(ch.data.value, en.data.id ?? null, out, where);
        default:
          out.ignored++;
      }
    });
  });
  return out;
}

/** Convenience for tests and callers that only care about one kind. */
export const ofKind = <K extends Observation['kind']>(
  list: Observation[],
  kind: K,
): Extract<Observation, { kind: K }>[] =>
  list.filter((o): o is Extract<Observation, { kind: K }> => o.kind === kind);
