import { checkPhoneNumberId, checkToken } from './auth';
import { fail } from './errors';
import { isRecord, ok, readJson, type Reply, type RouteRequest } from './http';
import { MEDIA_TTL_MS } from './media';
import type { MediaLookup } from './send-media';
import {
  checkCloudMarketing,
  checkOnboarded,
  readMarketingOptions,
  routeOnMarketingApi,
  type SendRoute,
} from './marketing-send';
import { checkTemplateParameters } from './send-template-check';
import { isSessionSend, sendSession } from './session';
import type { SandboxState } from './state';
import { testNumberName, type SandboxTestNumberName } from './test-numbers';

/**
 * POST /{version}/{phone-number-id}/messages (cloud-api.md §1) and /marketing_messages (the
 * Marketing Messages API, marketing-send.ts): template sends only.
 */

// Meta accepts '+', spaces, hyphens and parentheses in `to` (cloud-api.md §8).
const PHONE_PUNCTUATION = /[\s\-().]/g;
const E164_DIGITS = /^[1-9]\d{6,14}$/;

/** The recipient as E.164 with '+' and as Meta's wa_id (digits only). */
function normaliseTo(raw: unknown): { e164: string; waId: string } {
  if (typeof raw !== 'string' && typeof raw !== 'number')
    return fail(131009, 'The parameter to must be a phone number.');
  const text = String(raw).replace(PHONE_PUNCTUATION, '');
  const digits = text.startsWith('+') ? text.slice(1) : text;
  if (!E164_DIGITS.test(digits))
    fail(131009, `The parameter to (${JSON.stringify(raw)}) is not a valid phone number.`);
  return { e164: `+${digits}`, waId: digits };
}

interface TemplateRef {
  name: string;
  language: string;
  components: unknown;
}

export interface Envelope {
  to: unknown;
  template: TemplateRef;
  biz?: string;
  /** The MM API's fields (marketing-send.ts); Cloud API ignores them as it ignores any extra field. */
  productPolicy?: unknown;
  activitySharing?: unknown;
}

function readEnvelope(body: unknown, route: SendRoute): Envelope {
  if (!isRecord(body)) return fail(100, 'The request body must be a JSON object.');
  if (body.messaging_product !== 'whatsapp')
    fail(100, 'The parameter messaging_product is required and must be "whatsapp".');
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
    fail(100, 'recipient_type must be "individual": the sandbox does not simulate group sends.');
  }
  if (body.to === undefined || body.to === '') fail(131008, 'The parameter to is required.');
  // Cloud API defaults `type` to text (session.ts); other types are not simulated.
  const type = body.type ?? 'text';
  if (type !== 'template' && route === 'marketing_messages')
    fail(
      131055,
      'The Marketing Messages API sends marketing templates only: type must be "template".',
    );
  if (type !== 'template')
    fail(
      131051,
      `Message type ${JSON.stringify(type)} is not supported by the sandbox: send a template, text, image or document.`,
    );
  const t = body.template;
  if (!isRecord(t)) return fail(131008, 'The parameter template is required.');
  if (typeof t.name !== 'string' || t.name === '')
    fail(131008, 'The parameter template.name is required.');
  const language = isRecord(t.language) ? t.language.code : undefined;
  if (typeof language !== 'string' || language === '')
    fail(131008, 'The parameter template.language.code is required.');
  const biz = body.biz_opaque_callback_data;
  if (biz !== undefined && typeof biz !== 'string')
    fail(100, 'biz_opaque_callback_data must be a string.');
  return {
    to: body.to,
    template: { name: t.name as string, language: language as string, components: t.components },
    ...(typeof biz === 'string' && { biz }),
    productPolicy: body.product_policy,
    activitySharing: body.message_activity_sharing,
  };
}

const mediaLookup =
  (state: SandboxState): MediaLookup =>
  (id) => {
    const m = state.media.get(id);
    if (!m) return undefined;
    return state.now() - m.uploadedAt >= MEDIA_TTL_MS ? 'expired' : { mime: m.mime };
  };

/**
 * `messages[0].message_status` (cloud-api.md §1.5, §13): `held_for_quality_assessment` for a
 * message template pacing holds back, `accepted` otherwise.
 */
function checkRates(
  state: SandboxState,
  e164: string,
  testNumber: SandboxTestNumberName | undefined,
): void {
  const now = state.now();
  if (state.rate.throughputExceeded(now))
    fail(130429, 'Cloud API message throughput has been reached.');
  if (testNumber === 'pairRateLimited' || state.rate.pairExceeded(e164, now)) {
    fail(
      131056,
      'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
    );
  }
}

const messageStatusFor = (testNumber: SandboxTestNumberName | undefined): string =>
  testNumber === 'heldThenDelivered' || testNumber === 'heldThenDropped'
    ? 'held_for_quality_assessment'
    : 'accepted';

export const handleSend = (state: SandboxState, rr: RouteRequest): Promise<Reply> =>
  sendTemplate(state, rr, 'cloud');

export const handleMarketingSend = (state: SandboxState, rr: RouteRequest): Promise<Reply> =>
  sendTemplate(state, rr, 'marketing_messages');

async function sendTemplate(
  state: SandboxState,
  rr: RouteRequest,
  route: SendRoute,
): Promise<Reply> {
  checkToken(state, rr.req);
  checkPhoneNumberId(state, rr.objectId, 'post');
  if (route === 'marketing_messages') checkOnboarded(state);
  const body = await readJson(rr.req);
  // Text, image and document answers inside the customer-service window go through /messages only.
  if (route === 'cloud' && isSessionSend(body)) {
    if (body.to === undefined || body.to === '') fail(131008, 'The parameter to is required.');
    const to = normaliseTo(body.to);
    checkRates(state, to.e164, testNumberName(to.e164));
    return sendSession(state, body, to, mediaLookup(state));
  }
  const envelope = readEnvelope(body, route);
  const options = route === 'marketing_messages' ? readMarketingOptions(envelope) : undefined;
  const { e164, waId } = normaliseTo(envelope.to);
  const testNumber = testNumberName(e164);
  checkRates(state, e164, testNumber);

  const { name, language, components } = envelope.template;
  const template = state.findTemplate(name, language);
  if (!template) return fail(132001, `template name (${name}) does not exist in ${language}`);
  if (template.status === 'PAUSED')
    fail(132015, `Template ${name} (${language}) is paused because of low quality.`);
  if (template.status === 'DISABLED')
    fail(132016, `Template ${name} (${language}) was paused too often and is now disabled.`);
  if (template.status !== 'APPROVED')
    fail(132001, `template name (${name}) in ${language} is ${template.status}, not APPROVED`);
  checkTemplateParameters(template, components, mediaLookup(state));
  const marketingLite =
    route === 'marketing_messages' && options
      ? routeOnMarketingApi(state, template, options)
      : checkCloudMarketing(state, template);

  if (testNumber === 'rejectedNotOnWhatsApp') {
    fail(131026, 'Message failed to send because the recipient is not on WhatsApp.');
  }

  const message = state.accept({
    to: e164,
    waId,
    template,
    ...(components !== undefined && { components }),
    ...(envelope.biz !== undefined && { bizOpaqueCallbackData: envelope.biz }),
    marketingLite,
  });
  const triggered = state.faults.afterAccept(template);
  if (triggered.revokeToken) state.token = null;
  if (triggered.pauseTemplate)
    state.setTemplateStatus(
      triggered.pauseTemplate.name,
      triggered.pauseTemplate.language,
      'PAUSED',
    );

  return {
    ...ok({
      messaging_product: 'whatsapp',
      contacts: [{ input: envelope.to, wa_id: waId }],
      messages: [{ id: message.wamid, message_status: messageStatusFor(testNumber) }],
    }),
    accepted: true,
  };
}
