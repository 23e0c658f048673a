import { parseAmount } from './amount';
import type {
  BodyParameter,
  ButtonSendComponent,
  CloudApiTemplateMessage,
  HeaderParameter,
  MediaRef,
  SendComponent,
} from './cloud-api-types';
import { carouselComponent } from './carousel-body';
import { buttonsOf } from './components';
import { parseOfferExpiry } from './offer-expiry';
import type { Mapping } from './mapping';
import type { ResolvedValue } from './resolve';
import { templateSlots, type Slot } from './slots';
import type { Template } from './types';

export interface BuildSendArgs {
  /** The recipient, ideally E.164 with `+`. */
  to: string;
  values: Readonly<Record<string, ResolvedValue>>;
  mapping: Mapping;
  /** The header media as uploaded (`id`) or as a link; overrides the mapping's media source. */
  media?: MediaRef;
  /**
   * Payloads for QUICK_REPLY buttons, by zero-based button index. Meta's template JSON does not say
   * which quick replies expect a payload, so the caller chooses; buttons without one are left out.
   */
  quickReplyPayloads?: Readonly<Record<number, string>>;
  /** Echoed back in status webhooks: put the campaign/recipient row id here. */
  bizOpaqueCallbackData?: string;
}

/** Thrown when a body cannot be built; run validateRecipient first to show these as problems. */
export class SendBodyError extends Error {
  override name = 'SendBodyError';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

const basename = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Builds exactly the JSON Meta expects for one recipient (cloud-api.md §1.2–1.4). */
export function buildSendBody(t: Template, args: BuildSendArgs): CloudApiTemplateMessage {
  const named = t.parameter_format === 'NAMED';
  const problems: string[] = [];
  const nameOf = (slot: Slot): { parameter_name?: string } =>
    named ? { parameter_name: slot.name } : {};

  const textOf = (slot: Slot): string => {
    const v = args.values[slot.key];
    if (!v || v.missing) problems.push(`${slot.key} has no value.`);
    return v?.value ?? '';
  };

  const bodyParam = (slot: Slot): BodyParameter => {
    const text = textOf(slot);
    const src = args.mapping[slot.key];
    const as = src?.kind === 'column' || src?.kind === 'static' ? src.as : undefined;
    if (as?.type === 'currency') {
      const amount = parseAmount(text);
      if (!amount.ok) problems.push(`${slot.key}: ${amount.error}`);
      const amount_1000 = amount.ok ? amount.amount1000 : 0;
      return {
        type: 'currency',
        ...nameOf(slot),
        currency: { fallback_value: text, code: as.code, amount_1000 },
      };
    }
    if (as?.type === 'date_time')
      return { type: 'date_time', ...nameOf(slot), date_time: { fallback_value: text } };
    return { type: 'text', ...nameOf(slot), text };
  };

  const mediaParam = (slot: Slot): HeaderParameter | undefined => {
    const src = args.mapping[slot.key];
    const file = src?.kind === 'media' && src.media.type === 'file' ? src.media.path : undefined;
    let ref: MediaRef | undefined = args.media;
    if (!ref && src?.kind === 'media' && src.media.type === 'link')
      ref = { link: src.media.url.trim() };
    if (!ref) {
      problems.push(
        file !== undefined
          ? `${slot.key} is a file on this computer: upload it first and pass its media id.`
          : `${slot.key} has no media.`,
      );
      return undefined;
    }
    switch (slot.mediaFormat) {
      case 'IMAGE':
        return { type: 'image', image: ref };
      case 'VIDEO':
        return { type: 'video', video: ref };
      default:
        return {
          type: 'document',
          document: file !== undefined ? { ...ref, filename: basename(file) } : ref,
        };
    }
  };

  const headerParam = (slot: Slot): HeaderParameter | undefined => {
    if (slot.kind === 'media') return mediaParam(slot);
    if (slot.kind === 'location') {
      const src = args.mapping[slot.key];
      if (src?.kind !== 'location') {
        problems.push(`${slot.key} has no place.`);
        return undefined;
      }
      return { type: 'location', location: { ...src.location } };
    }
    return { type: 'text', ...nameOf(slot), text: textOf(slot) };
  };

  const slots = templateSlots(t);
  const components: SendComponent[] = [];

  const headerSlot = slots.find((s) => s.component === 'header');
  const header = headerSlot ? headerParam(headerSlot) : undefined;
  if (header) components.push({ type: 'header', parameters: [header] });

  const body = slots.filter((s) => s.component === 'body').map(bodyParam);
  if (body.length > 0) components.push({ type: 'body', parameters: body });

  const expirySlot = slots.find((s) => s.kind === 'offer_expiry');
  if (expirySlot) {
    const expiry = parseOfferExpiry(textOf(expirySlot));
    if (!expiry.ok) problems.push(`${expirySlot.key}: ${expiry.error}`);
    const expiration_time_ms = expiry.ok ? expiry.ms : 0;
    components.push({
      type: 'limited_time_offer',
      parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms } }],
    });
  }

  const buttons = buttonsOf(t);
  const buttonComponents: ButtonSendComponent[] = [];
  for (const slot of slots.filter((s) => s.component === 'button')) {
    const index = slot.buttonIndex ?? 0;
    if (slot.kind === 'url_suffix') {
      const text = textOf(slot);
      buttonComponents.push({
        type: 'button',
        sub_type: 'url',
        index: String(index),
        parameters: [{ type: 'text', ...nameOf(slot), text }],
      });
    } else if (slot.kind === 'coupon_code') {
      const coupon_code = textOf(slot);
      buttonComponents.push({
        type: 'button',
        sub_type: 'copy_code',
        index,
        parameters: [{ type: 'coupon_code', coupon_code }],
      });
    }
  }
  for (const [key, payload] of Object.entries(args.quickReplyPayloads ?? {})) {
    const index = Number(key);
    if (buttons[index]?.type !== 'QUICK_REPLY') {
      problems.push(`Button ${index + 1} is not a quick reply, so it cannot carry a payload.`);
      continue;
    }
    buttonComponents.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload }],
    });
  }
  buttonComponents.sort((a, b) => Number(a.index) - Number(b.index));
  components.push(...buttonComponents);
  const carousel = carouselComponent(t, slots, textOf, bodyParam);
  if (carousel) components.push(carousel);

  if (problems.length > 0) throw new SendBodyError(problems);

  const message: CloudApiTemplateMessage = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: args.to,
    type: 'template',
    template: { name: t.name, language: { code: t.language } },
  };
  if (components.length > 0) message.template.components = components;
  if (args.bizOpaqueCallbackData !== undefined)
    message.biz_opaque_callback_data = args.bizOpaqueCallbackData;
  return message;
}
