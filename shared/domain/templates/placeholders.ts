export type PlaceholderKind = 'positional' | 'named' | 'invalid';

export interface Placeholder {
  /** The text as written in the template, e.g. `{{ 1 }}`. */
  raw: string;
  /** The trimmed content: `1` or `first_name`. */
  name: string;
  kind: PlaceholderKind;
  /** UTF-16 offsets of `raw` within the scanned text. */
  start: number;
  end: number;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const POSITIONAL = /^[1-9][0-9]*$/;
// Meta documents lowercase letters and underscores; digits are accepted too because whether Meta
// allows them is unconfirmed and rejecting a template Meta approved would be worse.
const NAMED = /^(?=[0-9]*[a-z_])[a-z0-9_]+$/;

/** Every `{{...}}` in the text, in order; invalid ones (e.g. `{{First Name}}`) are kept so they can be reported. */
export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const raw = m[0];
    const name = (m[1] ?? '').trim();
    const kind: PlaceholderKind = POSITIONAL.test(name)
      ? 'positional'
      : NAMED.test(name)
        ? 'named'
        : 'invalid';
    out.push({ raw, name, kind, start: m.index, end: m.index + raw.length });
  }
  return out;
}

/**
 * The distinct valid variable names of a text in send order: numbers ascending (positional values are
 * sent in numeric order), then names in order of first appearance (named values carry their name).
 */
export function distinctVariables(text: string): string[] {
  const found = findPlaceholders(text).filter((p) => p.kind !== 'invalid');
  const numbers = [
    ...new Set(found.filter((p) => p.kind === 'positional').map((p) => Number(p.name))),
  ].sort((a, b) => a - b);
  const names = [...new Set(found.filter((p) => p.kind === 'named').map((p) => p.name))];
  return [...numbers.map(String), ...names];
}
