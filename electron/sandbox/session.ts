import { fail } from './errors';
import { isRecord, ok, type Reply } from './http';
import type { MediaLookup } from './send-media';
import type { SandboxState } from './state';

/**
 * Free-form (non-template) sends: text, image and document (issue 19). Meta delivers them only
 * within 24 h of the customer's last message and refuses them otherwise with 131047 (cloud-api.md
 * §3.4, "Re-engagement message"). The sandbox's window is measured on its own clock, so a test's
 * fake clock closes it.
 */
export const SESSION_TYPES = ['text', 'image', 'document'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const SERVICE_WINDOW_MS = 24 * 3600_000;

export const isSessionSend = (body: unknown): body is Record<string, unknown> =>
  isRecord(body) &&
  (body.type === undefined || (SESSION_TYPES as readonly unknown[]).includes(body.type));

function checkContent(body: Record<string, unknown>, type: SessionType, media: MediaLookup): void {
  if (type === 'text') {
    const text = body.text;
    const words = isRecord(text) ? text.body : undefined;
    if (typeof words !== 'string' || words.trim() === '')
      fail(131008, 'The parameter text.body is required.');
    // Meta's limit for a text message body (text messages reference page).
    if ((words as string).length > 4096) fail(100, 'text.body can be at most 4096 characters.');
    return;
  }
  const m = body[type];
  if (!isRecord(m)) return fail(131008, `The parameter ${type} is required.`);
  if (typeof m.id !== 'string') fail(131008, `The parameter ${type}.id is required.`);
  const found = media(m.id as string);
  if (found === undefined) fail(131053, `Media upload error: media id ${String(m.id)} is unknown.`);
  if (found === 'expired')
    fail(131053, `Media upload error: media id ${String(m.id)} has expired.`);
  const mime = found !== undefined && found !== 'expired' ? found.mime : '';
  if (type === 'image' && !mime.startsWith('image/'))
    fail(131053, `Media upload error: ${mime} cannot be sent as an image.`);
  if (typeof m.caption === 'string' && m.caption.length > 1024)
    fail(100, `${type}.caption can be at most 1024 characters.`);
}

/** Accepts a session message to a customer within the window; returns Meta's answer. */
export function sendSession(
  state: SandboxState,
  body: Record<string, unknown>,
  to: { e164: string; waId: string },
  media: MediaLookup,
): Reply {
  if (body.messaging_product !== 'whatsapp')
    fail(100, 'The parameter messaging_product is required and must be "whatsapp".');
  const type = (body.type ?? 'text') as SessionType;
  checkContent(body, type, media);
  const now = state.now();
  const last = state.lastInboundBefore(to.waId, now);
  if (last === undefined || now - last >= SERVICE_WINDOW_MS)
    fail(
      131047,
      'Re-engagement message: more than 24 hours have passed since the recipient last replied to the sender number.',
    );
  const message = state.accept({
    to: to.e164,
    waId: to.waId,
    template: { name: `(${type})`, language: '', category: 'SERVICE' },
  });
  return {
    ...ok({
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: to.waId }],
      messages: [{ id: message.wamid }],
    }),
    accepted: true,
  };
}
