import type { CloudApiTemplateMessage } from '../../../shared/domain/templates';
import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  retryAfter,
  type FailureContext,
} from './failures';
import { edgeItems, isRecord, parseJson, stringOr } from './json';
import type { CloudApiSessionMessage, SendOutcome } from './types';

/** What the Marketing Messages API adds to the body (meta-openapi-v23.yaml, verified on Meta's pages). */
export interface MarketingMessageFields {
  product_policy?: 'CLOUD_API_FALLBACK' | 'STRICT';
  message_activity_sharing?: boolean;
}

/**
 * POST /{v}/{phone-number-id}/messages (cloud-api.md §1), or /marketing_messages (the Marketing
 * Messages API: same body and answer, plus MarketingMessageFields). One attempt only: the Cloud API
 * has no idempotency key, so whether to try again is the sender's decision, made from
 * `failure.ambiguous`.
 */
export const sendTemplate = async (
  caller: Caller,
  phoneNumberId: string,
  body:
    | CloudApiTemplateMessage
    | (CloudApiTemplateMessage & MarketingMessageFields)
    | CloudApiSessionMessage,
  edge: 'messages' | 'marketing_messages' = 'messages',
): Promise<SendOutcome> => {
  const ctx: FailureContext = { idempotent: false, redact: caller.redact };
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const result = await caller.call({
    method: 'POST',
    url: caller.url([phoneNumberId, edge]),
    headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length },
    body: payload,
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);

  const json = parseJson(result.body);
  // A 2xx that does not name the message: Meta most likely accepted it, so this is "maybe sent".
  if (!isRecord(json)) return malformedFailure(result, ctx, 'the answer to a send is not JSON');
  const message = edgeItems(json.messages)?.[0];
  const wamid = isRecord(message) ? stringOr(message.id, null) : null;
  if (wamid === null)
    return malformedFailure(result, ctx, 'the answer to a send has no message id');
  const contact = edgeItems(json.contacts)?.[0];
  return {
    ok: true,
    wamid,
    waId: isRecord(contact) ? stringOr(contact.wa_id, null) : null,
    messageStatus: isRecord(message) ? stringOr(message.message_status, null) : null,
    httpStatus: result.status,
    ...retryAfter(result.headers),
  };
};
