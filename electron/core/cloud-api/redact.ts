export const REDACTED = '[REDACTED]';

// Tokens are long; a short "secret" (empty, or a stray character) would black out unrelated text.
const MIN_SECRET_LENGTH = 8;

// Catch-alls for credentials we were not told about: an upstream proxy may echo a different token, or a
// Graph `next` URL may carry `access_token=` when someone once called it with the token in the query.
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const ACCESS_TOKEN_PARAM = /(access_token(?:=|%3D|"\s*:\s*"))[^&\s"'<>]+/gi;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every spelling in which a server or proxy might echo the secret back to us. */
const spellings = (secret: string): string[] => {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
};

/**
 * Removes the given secrets (and anything shaped like a bearer token or `access_token=` parameter)
 * from text that may echo a request: Meta error messages, proxy error pages, URLs, socket errors.
 */
export const redactSecrets = (text: string, secrets: readonly string[]): string => {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const forms = secrets.flatMap(spellings).sort((a, b) => b.length - a.length);
  for (const form of forms) out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
  return out.replace(BEARER, `$1${REDACTED}`).replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`);
};

/** Deep redaction for server JSON we hand back verbatim (invalid templates). */
export const redactJson = (value: unknown, secrets: readonly string[]): unknown => {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  const clean = redactSecrets(text, secrets);
  if (clean === text) return value;
  try {
    return JSON.parse(clean) as unknown;
  } catch {
    // A pattern matched across JSON syntax: the text is still safe to show, the structure is not.
    return clean;
  }
};
