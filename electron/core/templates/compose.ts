import { CoreError } from '../../../shared/api';
import {
  buildSendBody,
  resolveMessageValues,
  SendBodyError,
  templateSlots,
  validateRecipient,
  type CloudApiTemplateMessage,
  type Mapping,
  type MediaRef,
  type MediaSource,
  type Problem,
  type Template,
  type UtmBySlot,
} from '../../../shared/domain/templates';
import type { VariantId } from '../../../shared/domain/variants';
import { loadVariantPlan, type VariantPlan } from '../campaigns/variants-messages';
import type { Store } from '../db/connection';
import type { CampaignMessageState } from './campaign-message';

/**
 * What the sender needs to turn one recipient into the exact request Meta receives: the
 * campaign's (or one variant's) template, mapping and UTM tags, loaded once, and a compose function
 * that uses the same shared functions as the preview and the validation.
 */
export interface CampaignMessage {
  template: Template;
  templateRowId: number;
  mapping: Mapping;
  /** The header's media source, when the template has a media header. */
  mediaSource: MediaSource | null;
  /** The campaign's variant this message is (A: the campaign's own template and mapping). */
  variant: VariantId;
  /** UTM tags added to its link buttons. */
  utm: UtmBySlot;
  compose: (
    recipient: { phone: string; fields: Record<string, string> },
    options: { callbackData: string; media?: MediaRef; now?: number },
  ) => { ok: true; body: CloudApiTemplateMessage } | { ok: false; problems: Problem[] };
}

/**
 * The `biz_opaque_callback_data` a recipient's send carries (Meta echoes it in status webhooks), so
 * status data can be matched to the row. One definition for the sender and the preview, so the
 * preview's request body is the one really sent.
 */
export function recipientCallbackData(campaignId: number, recipientId: number): string {
  return `cd:${campaignId}:${recipientId}`;
}

/**
 * One recipient's exact request from a template, its mapping and UTM tags: the same shared
 * functions as the preview and the validation. Used by campaigns and by template answers.
 */
export function composeTemplate(
  template: Template,
  mapping: Mapping,
  utm: UtmBySlot,
  recipient: { phone: string; fields: Record<string, string> },
  options: { callbackData: string; media?: MediaRef; now?: number },
): ReturnType<CampaignMessage['compose']> {
  const values = resolveMessageValues(template, mapping, recipient.fields, utm);
  // The core's clock decides whether a limited-time offer has ended (tests move it; never Date.now).
  const problems = validateRecipient(
    template,
    values,
    mapping,
    options.now !== undefined ? { now: options.now } : {},
  ).filter((p) => !(options.media && p.code === 'MEDIA_MISSING'));
  if (problems.length > 0) return { ok: false, problems };
  try {
    const body = buildSendBody(template, {
      to: recipient.phone,
      values,
      mapping,
      bizOpaqueCallbackData: options.callbackData,
      ...(options.media ? { media: options.media } : {}),
    });
    return { ok: true, body };
  } catch (e) {
    if (e instanceof SendBodyError)
      return {
        ok: false,
        problems: e.problems.map((message): Problem => ({ code: 'EMPTY_PARAMETER', message })),
      };
    throw e;
  }
}

export type LoadResult = { ok: true; message: CampaignMessage } | { ok: false; reason: string };

/** A message state (the campaign's own, or one of its variants) ready to compose from. */
export function messageFromState(state: CampaignMessageState, prefix = ''): LoadResult {
  if (!state.templateName)
    return {
      ok: false,
      reason: `${prefix}Choose a template for this ${prefix ? 'variant' : 'campaign'} first.`,
    };
  const info = state.info;
  if (!info) {
    return {
      ok: false,
      reason:
        prefix +
        (state.templateWarning ??
          `The template "${state.templateName}" cannot be used; sync templates or choose another.`),
    };
  }
  const template = info.template;
  const { mapping, utm } = state;
  const mediaSlot = templateSlots(template).find((s) => s.kind === 'media');
  const mediaMapping = mediaSlot ? mapping[mediaSlot.key] : undefined;
  const mediaSource = mediaMapping?.kind === 'media' ? mediaMapping.media : null;

  return {
    ok: true,
    message: {
      template,
      templateRowId: info.id,
      mapping,
      mediaSource,
      variant: state.variant,
      utm,
      compose: (recipient, options) => composeTemplate(template, mapping, utm, recipient, options),
    },
  };
}

/** Every variant's message, loaded once per run: what the sender composes each recipient from. */
export interface CampaignMessages {
  split: boolean;
  /** A first; B and C when the campaign is split. */
  messages: CampaignMessage[];
  /** The message of a claimed recipient's variant (A for recipients without one). */
  forVariant: (variant: string | null) => CampaignMessage | undefined;
  /** The template family's other languages (electron/core/translations), each with its own media. */
  translations?: CampaignMessage[];
  /** The message in the recipient's language, when the campaign picks it per recipient. */
  forRecipient?: (r: {
    fields: Record<string, string>;
    country: string | null;
  }) => CampaignMessage | undefined;
}

export function loadCampaignMessages(
  store: Store,
  campaignId: number,
): { ok: true; value: CampaignMessages } | { ok: false; reason: string } {
  let plan: VariantPlan;
  try {
    plan = loadVariantPlan(store, campaignId);
  } catch (e) {
    if (e instanceof CoreError) return { ok: false, reason: e.message };
    throw e;
  }
  if (plan.damaged) return { ok: false, reason: plan.damaged };
  const messages: CampaignMessage[] = [];
  for (const state of plan.states) {
    const loaded = messageFromState(state, plan.prefix(state));
    if (!loaded.ok) return loaded;
    messages.push(loaded.message);
  }
  const byVariant = new Map(messages.map((m) => [m.variant, m]));
  return {
    ok: true,
    value: {
      split: plan.split,
      messages,
      forVariant: (variant) => byVariant.get((variant ?? 'A') as VariantId),
    },
  };
}
