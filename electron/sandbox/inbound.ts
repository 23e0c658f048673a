import type { SandboxState, SentMessage } from './state';
import { replyOf } from './test-numbers';
import type { InboundMessage } from './types';
import { inboundMediaOf } from './inbound-media';
import { inboundWebhook, userIdOf } from './webhooks';

/** Puts a customer's reply (text or quick-reply tap) in the feed at once, as Meta's inbound webhook. */
export function injectInbound(state: SandboxState, m: InboundMessage): string {
  const waId = m.from.replace(/[^\d]/g, '');
  if (waId === '') throw new Error(`injectInbound: "${m.from}" is not a phone number.`);
  const id = state.newWamid(waId);
  const at = state.now();
  const isButton = m.buttonPayload !== undefined || m.buttonText !== undefined;
  const contextId = m.contextId ?? state.lastWamidSentTo(waId);
  const body = inboundWebhook(state.account, {
    id,
    waId,
    userId: userIdOf(waId),
    ...(m.phoneHidden && { phoneHidden: true }),
    name: m.name ?? 'Sandbox Customer',
    at,
    ...(isButton
      ? {
          button: {
            payload: m.buttonPayload ?? m.buttonText ?? '',
            text: m.buttonText ?? m.buttonPayload ?? '',
          },
        }
      : { text: m.text ?? '' }),
    ...(contextId !== undefined && { contextId }),
  });
  state.recordInbound(waId, at);
  state.feed.schedule(at, () => body);
  return id;
}

/** How long after the read receipt the reply test numbers answer. */
export const REPLY_AFTER_READ_MS = 2000;

/**
 * The reply test numbers (SANDBOX_REPLY_NUMBERS) answer every message they are sent, a little after
 * its last status; the webhook enters the feed at that time, like Meta's would reach a relay.
 */
export function scheduleReply(state: SandboxState, message: SentMessage): void {
  const number = replyOf(message.to);
  if (!number) return;
  const { reply } = number;
  const last = message.plan.reduce((t, s) => Math.max(t, s.timestamp), message.acceptedAt);
  const scale = state.delivery.replyDelayScale ?? 1;
  const at = last + Math.round((number.afterReadMs ?? REPLY_AFTER_READ_MS) * scale);
  const media = inboundMediaOf(state, reply);
  state.recordInbound(message.waId, at);
  const id = state.newWamid(message.waId);
  const body = inboundWebhook(state.account, {
    id,
    waId: message.waId,
    userId: userIdOf(message.waId),
    ...(replyOf(message.to)?.phoneHidden && { phoneHidden: true }),
    name: 'Sandbox Customer',
    at,
    contextId: message.wamid,
    ...('text' in reply
      ? { text: reply.text, quoted: true }
      : 'buttonText' in reply
        ? { button: { payload: reply.buttonPayload, text: reply.buttonText } }
        : media
          ? { media }
          : {}),
  });
  state.feed.schedule(at, () => body);
}
