import type { Caller } from './caller';
import {
  failureFromCall,
  failureFromResponse,
  isSuccessStatus,
  malformedFailure,
  type FailureContext,
} from './failures';
import { isRecord, numberOr, parseJson, stringOr } from './json';
import type { PhoneNumberInfoOutcome } from './types';

const FIELDS = 'id,display_phone_number,verified_name,quality_rating,throughput';

/**
 * GET /{v}/{phone-number-id}. Cheap, authenticated, and it fails on a wrong phone number id as well as on
 * a bad token, which makes it the connection check for an account.
 */
export const phoneNumberInfo = async (
  caller: Caller,
  phoneNumberId: string,
): Promise<PhoneNumberInfoOutcome> => {
  const ctx: FailureContext = { idempotent: true, redact: caller.redact };
  const result = await caller.call({
    method: 'GET',
    url: caller.url([phoneNumberId], { fields: FIELDS }),
  });
  if (result.kind !== 'response') return failureFromCall(result, ctx);
  if (!isSuccessStatus(result.status)) return failureFromResponse(result, ctx);
  const json = parseJson(result.body);
  const id = isRecord(json) ? (stringOr(json.id, null) ?? numberOr(json.id, null)) : null;
  if (!isRecord(json) || id === null)
    return malformedFailure(result, ctx, 'the phone number answer has no id');
  const throughput = isRecord(json.throughput) ? json.throughput : {};
  return {
    ok: true,
    info: {
      id: String(id),
      displayPhoneNumber: stringOr(json.display_phone_number, null),
      verifiedName: stringOr(json.verified_name, null),
      qualityRating: stringOr(json.quality_rating, null),
      throughputLevel: stringOr(throughput.level, null),
    },
  };
};
