/**
 * WhatsApp's inline markup: *bold*, _italic_, ~strike~, ```monospace``` and `inline code`.
 *
 * The rule (modelled on what WhatsApp clients render):
 * - An opening marker must be at the start of the text (or of the enclosing span) or follow a
 *   character that is not a letter or digit, and must be followed by a non-space character.
 * - A closing marker must follow a non-space character and be at the end of the text (or of the
 *   enclosing span) or be followed by a character that is not a letter or digit.
 * - The nearest valid closing marker wins; the content may not be empty and may not cross a line
 *   break. So `2*3*4`, `snake_case_name` and `a * b * c` stay plain text.
 * - Spans nest (`*_both_*`); monospace and inline code take their content literally.
 * - ```monospace``` needs no word boundary and may span lines.
 * "Letter or digit" is Unicode-aware (Arabic, Hebrew, CJK… count as letters). Strings are only ever
 * cut next to an ASCII marker, so surrogate pairs and emoji sequences are never split.
 */

export type FormatStyle = 'bold' | 'italic' | 'strike' | 'monospace' | 'code';

export type FormatNode =
  | { type: 'text'; text: string; slot?: string; missing?: boolean }
  | { type: FormatStyle; children: FormatNode[] };

/** A piece of text that may come from a template variable (see render.ts). */
export interface FormatInput {
  text: string;
  slot?: string;
  missing?: boolean;
}

type RawNode =
  { type: 'text'; start: number; end: number } | { type: FormatStyle; children: RawNode[] };

const MARKERS: Record<string, FormatStyle> = {
  '*': 'bold',
  _: 'italic',
  '~': 'strike',
  '`': 'code',
};
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;

/** The whole code point ending just before `i` (a surrogate pair is read as one character). */
function charBefore(s: string, i: number): string {
  const low = s.charCodeAt(i - 1);
  const high = s.charCodeAt(i - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return s.slice(pair ? i - 2 : i - 1, i);
}

function charAfter(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function isOpener(s: string, i: number, from: number, to: number): boolean {
  if (i + 1 >= to) return false;
  if (i > from && WORD_CHAR.test(charBefore(s, i))) return false;
  return !SPACE.test(charAfter(s, i + 1));
}

function findCloser(s: string, marker: string, open: number, to: number): number {
  for (let j = open + 2; j < to; j++) {
    const c = s[j];
    if (c === '\n') return -1;
    if (c !== marker) continue;
    if (SPACE.test(charBefore(s, j))) continue;
    if (j + 1 < to && WORD_CHAR.test(charAfter(s, j + 1))) continue;
    return j;
  }
  return -1;
}

function parseRange(s: string, from: number, to: number): RawNode[] {
  const nodes: RawNode[] = [];
  let textStart = from;
  const flush = (end: number): void => {
    if (end > textStart) nodes.push({ type: 'text', start: textStart, end });
  };
  let i = from;
  while (i < to) {
    if (s.startsWith('```', i)) {
      const close = s.indexOf('```', i + 3);
      if (close > i + 3 && close + 3 <= to) {
        flush(i);
        nodes.push({ type: 'monospace', children: [{ type: 'text', start: i + 3, end: close }] });
        i = close + 3;
        textStart = i;
        continue;
      }
    }
    const marker = s[i] ?? '';
    const style = MARKERS[marker];
    if (style && isOpener(s, i, from, to)) {
      const close = findCloser(s, marker, i, to);
      if (close >= 0) {
        flush(i);
        const children: RawNode[] =
          style === 'code'
            ? [{ type: 'text', start: i + 1, end: close }]
            : parseRange(s, i + 1, close);
        nodes.push({ type: style, children });
        i = close + 1;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  flush(to);
  return nodes;
}

/** Parses WhatsApp markup into a tree; newlines stay inside the text nodes. */
export function parseWhatsAppFormatting(text: string): FormatNode[] {
  return formatSegments([{ text }]);
}

/**
 * Like parseWhatsAppFormatting, for text assembled from pieces (template text and variable values):
 * the markup is parsed over the whole message, as WhatsApp does after substitution, and each text
 * node keeps the `slot`/`missing` of the piece it came from, so a highlighted value can sit inside bold.
 */
export function formatSegments(pieces: readonly FormatInput[]): FormatNode[] {
  const text = pieces.map((p) => p.text).join('');
  const starts: number[] = [];
  let offset = 0;
  for (const p of pieces) {
    starts.push(offset);
    offset += p.text.length;
  }

  const leaf = (start: number, end: number): FormatNode[] => {
    const out: FormatNode[] = [];
    pieces.forEach((p, k) => {
      const from = Math.max(start, starts[k] ?? 0);
      const to = Math.min(end, (starts[k] ?? 0) + p.text.length);
      if (to <= from) return;
      const node: FormatNode = { type: 'text', text: text.slice(from, to) };
      if (p.slot !== undefined) node.slot = p.slot;
      if (p.missing) node.missing = true;
      const prev = out[out.length - 1];
      if (prev?.type === 'text' && prev.slot === undefined && node.slot === undefined)
        prev.text += node.text;
      else out.push(node);
    });
    return out;
  };
  const convert = (nodes: RawNode[]): FormatNode[] =>
    nodes.flatMap((n) =>
      n.type === 'text' ? leaf(n.start, n.end) : [{ type: n.type, children: convert(n.children) }],
    );
  return convert(parseRange(text, 0, text.length));
}

/** The text a reader sees, without markers. */
export function formattedPlainText(nodes: readonly FormatNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : formattedPlainText(n.children))).join('');
}
