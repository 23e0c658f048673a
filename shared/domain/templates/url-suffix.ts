/**
 * The variable of a dynamic URL button is appended verbatim to the template's URL, and Meta fails the
 * send when it holds characters that need percent-encoding (space → %20, ç → %C3%A7, cloud-api.md §1.3).
 *
 * Allowed as-is: the unreserved characters `A-Z a-z 0-9 - . _ ~`, well-formed `%XX` escapes, and the
 * delimiters `/ ? = &`. The delimiters are allowed because a suffix legitimately carries a path or a
 * query (`orders/123`, `id=7&ref=wa`) and encoding them would change which page opens. Everything
 * else (space, non-ASCII, `#`, `+`, `:`, `@`, quotes, brackets…) must be encoded: `#` and `+` change
 * the URL's meaning, the rest is treated inconsistently by servers.
 */

const SAFE = /^[A-Za-z0-9\-._~/?=&]$/;
const ESCAPE = /^%[0-9A-Fa-f]{2}/;

const hex = (b: number): string => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [
    0xf0 | (cp >> 18),
    0x80 | ((cp >> 12) & 0x3f),
    0x80 | ((cp >> 6) & 0x3f),
    0x80 | (cp & 0x3f),
  ];
}

/** The characters of `s` that must be percent-encoded, in order of appearance, without repeats. */
export function unencodedUrlCharacters(s: string): string[] {
  const bad = new Set<string>();
  const chars = Array.from(s);
  let i = 0;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] ?? '';
    if (!(SAFE.test(ch) || (ch === '%' && ESCAPE.test(s.slice(i))))) bad.add(ch);
    i += ch.length;
  }
  return [...bad];
}

/** Percent-encodes what needs it (UTF-8), keeping existing `%XX` escapes and `/ ? = &`. Idempotent. */
export function percentEncodeUrlSuffix(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (SAFE.test(ch) || (ch === '%' && ESCAPE.test(s.slice(i)))) {
      out += ch;
    } else {
      // A lone surrogate has no UTF-8 form; encode the replacement character as browsers do.
      const code = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
      out += utf8Bytes(code).map(hex).join('');
    }
    i += ch.length;
  }
  return out;
}
