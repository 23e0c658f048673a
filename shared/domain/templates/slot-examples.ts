import { findPlaceholders } from './placeholders';
import type { NamedParamExample, TemplateButton } from './types';

// Shared by the template's own slots (slots.ts) and its carousel cards' (card-slots.ts).

/** The example Meta holds for one text variable, by name (NAMED) or by position (POSITIONAL). */
export function exampleFor(
  names: string[],
  name: string,
  positional: readonly string[] | undefined,
  named: readonly NamedParamExample[] | undefined,
): string | undefined {
  const byName = named?.find((p) => p.param_name === name)?.example;
  if (byName !== undefined) return byName;
  const at = names.filter((n) => /^[0-9]+$/.test(n)).indexOf(name);
  return at >= 0 ? positional?.[at] : undefined;
}

/** The suffix part of Meta's full example URL, e.g. `summer2023` from `https://x.com/shop?promo=summer2023`. */
export function urlSuffixExample(button: TemplateButton): string | undefined {
  const url = button.url ?? '';
  const example = button.example?.[0];
  const first = findPlaceholders(url)[0];
  if (example === undefined || first === undefined) return undefined;
  const prefix = url.slice(0, first.start);
  return example.startsWith(prefix) && example.length > prefix.length
    ? example.slice(prefix.length)
    : undefined;
}

/** A URL button is dynamic when its URL holds a placeholder; static URL buttons take no parameter. */
export const isDynamicUrlButton = (b: TemplateButton): boolean =>
  b.type === 'URL' && findPlaceholders(b.url ?? '').some((p) => p.kind !== 'invalid');
