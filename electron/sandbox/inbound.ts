import type { SandboxState } from './state';
import type { InboundMessage } from './types';
import { inboundWebhook } from './webhooks';

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
    name: m.name ?? 'Sandbox Customer',
    at,
    ...(isButton
      ? { button: { payload: m.buttonPayload ?? m.buttonText ?? '', text: m.buttonText ?? m.buttonPayload ?? '' } }
      : { text: m.text ?? '' }),
    ...(contextId !== undefined && { contextId }),
  });
  state.feed.schedule(at, () => body);
  return id;
}
