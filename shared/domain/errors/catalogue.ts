import { ACCOUNT_ENTRIES, PERMISSION_RANGE, PERMISSION_RANGE_ENTRY } from './entries-account';
import { MESSAGE_ENTRIES } from './entries-message';
import { RECIPIENT_ENTRIES } from './entries-recipient';
import { TRANSIENT_ENTRIES } from './entries-transient';
import type { CatalogueEntry } from './types';

// Meta's raw message is English developer text; past this length it stops helping a shop owner.
const MAX_FALLBACK_CHARS = 300;

const buildCatalogue = (
  entries: readonly CatalogueEntry[],
): ReadonlyMap<number, CatalogueEntry> => {
  const byCode = new Map<number, CatalogueEntry>();
  for (const entry of entries) {
    // Fail at import: a duplicated code would silently shadow one of the two texts.
    if (entry.code === null || byCode.has(entry.code)) {
      throw new Error(`Error catalogue: bad or duplicate code ${String(entry.code)}`);
    }
    byCode.set(entry.code, entry);
  }
  return byCode;
};

/** Every Meta code with its own entry (the 200–299 permission range is matched by `lookupCode`). */
export const CATALOGUE: ReadonlyMap<number, CatalogueEntry> = buildCatalogue([
  ...TRANSIENT_ENTRIES,
  ...RECIPIENT_ENTRIES,
  ...ACCOUNT_ENTRIES,
  ...MESSAGE_ENTRIES,
]);

const inPermissionRange = (code: number): boolean =>
  Number.isInteger(code) && code >= PERMISSION_RANGE.from && code <= PERMISSION_RANGE.to;

/** The catalogue's entry for a Meta code, or undefined when Campaign Desk does not know the code. */
export const lookupCode = (code: number): CatalogueEntry | undefined => {
  const exact = CATALOGUE.get(code);
  if (exact) return exact;
  return inPermissionRange(code) ? { ...PERMISSION_RANGE_ENTRY, code } : undefined;
};

export const isKnownCode = (code: number): boolean => lookupCode(code) !== undefined;

/** Drops Meta's "(#131026) " prefix: the code is shown on its own, the rest is the useful part. */
const cleanMetaMessage = (message: string | undefined): string | undefined => {
  const text = message?.replace(/^\s*\(#\d+\)\s*/, '').trim();
  if (!text) return undefined;
  return text.length > MAX_FALLBACK_CHARS ? `${text.slice(0, MAX_FALLBACK_CHARS - 1)}…` : text;
};

/**
 * Unknown codes (new ones appear every year: 80007 and 131056 were once new) are retried a little, as
 * Meta advises for its own "unknown error" 131000, rather than failed at once:
 * - a synchronous error means nothing was sent, so a retry cannot produce a duplicate;
 * - USERS.md #5: temporary errors treated as permanent are a top complaint;
 * - if the code is really permanent, the recipient is failed after `retryLimit` with Meta's own words
 *   shown, and a campaign-wide problem trips the failure-rate detector.
 * The cost is a short back-off per affected recipient.
 */
export const unknownEntry = (code: number | null, fallbackMessage?: string): CatalogueEntry => {
  const metaSays = cleanMetaMessage(fallbackMessage);
  return {
    code,
    title: code === null ? 'Unrecognised error' : `Unrecognised WhatsApp error ${code}`,
    explanation:
      'WhatsApp returned an error Campaign Desk does not recognise.' +
      (metaSays ? ` Meta's description: "${metaSays}"` : ''),
    action:
      "Campaign Desk tries again a couple of times. If it keeps failing, search the code on Meta's " +
      'WhatsApp error codes page or send us the campaign log.',
    handling: 'retry_later',
    retryLimit: 2,
  };
};

/**
 * Always returns something to show: the catalogue entry for a known code, a generic one otherwise.
 * `fallbackMessage` (Meta's `error.message`) is used only for unknown codes; for known ones our text
 * is clearer than Meta's developer-facing title.
 */
export const describeError = (code: number | undefined, fallbackMessage?: string): CatalogueEntry =>
  (code === undefined ? undefined : lookupCode(code)) ??
  unknownEntry(code ?? null, fallbackMessage);
