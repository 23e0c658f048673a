/**
 * Secrets never reach the log: Graph access tokens (EAA…), bearer headers, token-like query
 * parameters and JSON fields, and any value the caller registered as secret (a relay secret, a
 * token read from the environment). Applied to every line, detail and stack included.
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer)\s+[\w.~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\bEAA[A-Za-z0-9]{20,}\b/g, '[redacted token]'],
  [/([?&](?:access_token|token|hub\.verify_token|appsecret_proof)=)[^&\s"']+/gi, '$1[redacted]'],
  [
    /("(?:access_?token|token|secret|password|authorization|app_?secret)"\s*:\s*")[^"]*(")/gi,
    '$1[redacted]$2',
  ],
];

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets are long.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
