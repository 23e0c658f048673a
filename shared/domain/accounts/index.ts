/**
 * Rules about an account's connection settings that the form, the contract, the core and the
 * migration all apply the same way.
 */

/**
 * Whether a string looks like an access token rather than the name of an environment variable.
 * Meta's tokens start with "EAA" (user and system-user tokens, verified against the tokens Meta's
 * API Setup page hands out) and are long mixes of upper case, lower case and digits; variable names
 * are short and, by convention, upper case. Assumed, not documented by Meta: the exact alphabet.
 * Migration 130 repeats this rule in SQL (GLOB); keep the two in step.
 */
export function looksLikeToken(value: string): boolean {
  const v = value.trim();
  if (v.startsWith('EAA') && v.length >= 20) return true;
  if (/[^A-Za-z0-9_]/.test(v)) return true;
  return v.length >= 24 && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v);
}

/** Hosts a token may travel to over plain http: this computer only. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why an account's API address is refused, or null when it is fine: https:// everywhere, plain
 * http:// only to this computer (a local simulator or proxy), where the token never crosses a network.
 */
export function baseUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The API address is a web address such as https://graph.facebook.com.';
  }
  if (url.username || url.password || url.search || url.hash)
    return 'The API address has no user name, password, ? or # in it: use https://graph.facebook.com or your proxy’s plain address.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  if (url.protocol === 'http:')
    return 'The API address must start with https:// (plain http:// would send your access token unencrypted). Only an address on this computer (127.0.0.1 or localhost) may use http://.';
  return 'The API address is a web address such as https://graph.facebook.com.';
}

/**
 * The account a new draft gets when none is named: the first real account whose last check did
 * not fail, else the Sandbox. Never one that failed its last check: it cannot send. The core's
 * campaigns.create and the "New campaign" dialog both use this.
 */
export function defaultAccountFor<T extends { kind: string; lastCheck: { ok: boolean } | null }>(
  accounts: readonly T[],
): T | undefined {
  const usable = (a: T) => a.lastCheck?.ok !== false;
  return (
    accounts.find((a) => a.kind === 'cloud' && usable(a)) ??
    accounts.find((a) => a.kind === 'sandbox') ??
    accounts.find(usable)
  );
}
