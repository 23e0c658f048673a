import { noun, pluralWord } from '../../../shared/format';
import { lookupCode, type RetryFailedDecision } from '../../../shared/domain/errors';

/**
 * Why a failed recipient stays out of a retry, as a short phrase a shop owner reads after a count
 * ("3 left out: WhatsApp asks to wait 24 hours after a marketing limit"). Recipients are grouped by
 * these words, so two codes with the same title and the same wait share a line.
 */
export function leftOutReason(
  code: number | undefined,
  decision: RetryFailedDecision,
  now: number,
): string | null {
  if (decision.retry) {
    if (decision.notBefore <= now) return null;
    return waitReason(code);
  }
  const entry = code === undefined ? undefined : lookupCode(code);
  // The catalogue's title is the failure in the app's words ("Stopped your marketing messages");
  // a reason that is not the entry's explanation (unknown reason, US marketing) says it in full.
  return entry && decision.reason === entry.explanation
    ? `${entry.title} (not worth sending again)`
    : decision.reason;
}

/** Verified against Meta's error-code page (131049): retrying within 24 hours is held back again. */
function waitReason(code: number | undefined): string {
  const entry = code === undefined ? undefined : lookupCode(code);
  if (code === 131049) return 'WhatsApp asks to wait 24 hours after a marketing limit';
  const hours = entry?.retryAfterHours ?? (entry?.waitSeconds ?? 0) / 3600;
  const [n, unit] =
    hours >= 1
      ? [Math.round(hours), noun('hour')]
      : [Math.max(1, Math.round(hours * 60)), noun('minute')];
  const wait = `${n} ${pluralWord(n, unit)}`;
  return entry
    ? `WhatsApp asks to wait ${wait} after “${entry.title}”`
    : 'WhatsApp asks to wait before trying them again';
}
