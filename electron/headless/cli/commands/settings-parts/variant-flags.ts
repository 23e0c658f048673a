import { UTM_KEYS, type UtmKey, type UtmParams } from '../../../../../shared/domain/templates';
import { sharesProblem, VARIANT_IDS, type VariantId } from '../../../../../shared/domain/variants';
import { UsageError } from '../../framework';

// The flags of `campaigns settings` for variants and UTM tags, parsed into values (variants.ts
// applies them); kept apart so their grammar can be read and tested on its own.

interface VariantFlag {
  id: VariantId;
  template?: { name: string; language?: string | undefined };
  share?: number;
}

const VARIANT_FLAG = /^([ABC])(?:=([^@:]+)(?:@([^:]+))?)?(?::(\d{1,3}))?$/;

export function parseVariantFlag(raw: string): VariantFlag {
  const m = VARIANT_FLAG.exec(raw.trim());
  if (!m || (m[2] === undefined && m[4] === undefined)) {
    throw new UsageError(
      `--variant ${raw}: write B=TEMPLATE[@LANGUAGE][:SHARE] (e.g. B=spring_sale@en_US:30) or A:SHARE (e.g. A:70).`,
    );
  }
  const id = m[1] as VariantId;
  if (id === 'A' && m[2] !== undefined)
    throw new UsageError(
      `--variant ${raw}: variant A is the campaign's own template; change it with campaigns map.`,
    );
  return {
    id,
    ...(m[2] !== undefined
      ? {
          template: { name: m[2].trim(), ...(m[3] !== undefined ? { language: m[3].trim() } : {}) },
        }
      : {}),
    ...(m[4] !== undefined ? { share: Number(m[4]) } : {}),
  };
}

const UTM_ALIASES: Record<string, UtmKey> = Object.fromEntries(
  UTM_KEYS.flatMap((k) => [
    [k, k],
    [`utm_${k}`, k],
  ]),
);

/** `source=whatsapp,medium=campaign` → tags; `{variant}` in a value stands for the variant's name. */
export function parseUtmFlag(raw: string, flag: string): UtmParams {
  const out: UtmParams = {};
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = UTM_ALIASES[(eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase()];
    if (eq < 0 || !key)
      throw new UsageError(
        `${flag} ${raw}: write KEY=VALUE,… with the keys ${UTM_KEYS.join(', ')}.`,
      );
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

export function variantOfFlag(
  raw: string,
  flag: string,
  ids: readonly VariantId[] = VARIANT_IDS,
): { id: VariantId; rest: string } {
  const m = /^([ABC]):(.*)$/s.exec(raw);
  if (!m || !ids.includes(m[1] as VariantId))
    throw new UsageError(`${flag} ${raw}: start with the variant, e.g. ${ids.at(-1) ?? 'B'}:…`);
  return { id: m[1] as VariantId, rest: m[2] ?? '' };
}

/** Shares given for some variants; the others split what is left evenly (first ones take the remainder). */
export function completeShares(
  ids: readonly VariantId[],
  given: Partial<Record<VariantId, number>>,
): Record<string, number> {
  const open = ids.filter((id) => given[id] === undefined);
  const left = 100 - ids.reduce((n, id) => n + (given[id] ?? 0), 0);
  const out: Record<string, number> = {};
  ids.forEach((id) => {
    const i = open.indexOf(id);
    out[id] =
      i < 0
        ? given[id]!
        : Math.floor(left / open.length) +
          (i < left - Math.floor(left / open.length) * open.length ? 1 : 0);
  });
  const problem = sharesProblem(ids.map((id) => out[id]!));
  if (problem)
    throw new UsageError(
      `--variant: ${problem} (${ids.map((id) => `${id} ${out[id]}%`).join(', ')})`,
    );
  return out;
}
