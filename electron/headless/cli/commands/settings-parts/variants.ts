import { resolve } from 'node:path';
import type { TemplateInfo, VariantsView } from '../../../../../shared/api';
import {
  formatMappingExpression,
  MappingExpressionError,
  parseMappingExpression,
  utmQuery,
  type Mapping,
  type UtmKey,
  type UtmParams,
} from '../../../../../shared/domain/templates';
import { formatShares, VARIANT_IDS, type VariantId } from '../../../../../shared/domain/variants';
import type { Core } from '../../../../core/service';
import { call, CommandError, UsageError, type Ctx } from '../../framework';
import type { SettingsPart } from './types';
import { human, noun } from '../../format';
import { completeShares, parseUtmFlag, parseVariantFlag, variantOfFlag } from './variant-flags';

/**
 * `campaigns settings <id>` flags for A/B variants and UTM tags:
 *   --variant B=TEMPLATE[@LANGUAGE][:SHARE]   add or change variant B (or C); A:SHARE sets A's proportion
 *   --variant-var B:SLOT=VALUE                 B's placeholders, in `campaigns map --var` syntax
 *   --variant-label B=NAME  --variant-remove C  --variant-seed N|new
 *   --utm source=whatsapp,medium=campaign,campaign=spring[,content=…] | --utm off
 *   --utm-variant B:content=free_shipping       one variant's tags over --utm ({variant} = its name)
 */

function list(ctx: Ctx, name: string): string[] {
  const v: unknown = ctx.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

async function findTemplate(
  ctx: Ctx,
  core: Core,
  accountId: number,
  name: string,
  language: string | undefined,
): Promise<TemplateInfo> {
  const matches = async () =>
    (await call(core, 'templates.list', { accountId })).templates.filter((t) => t.name === name);
  let found = await matches();
  if (found.length === 0) {
    ctx.io.stderr(`"${name}" is not among the stored templates; syncing the account's templates…`);
    await call(core, 'templates.sync', { accountId });
    found = await matches();
  }
  if (found.length === 0)
    throw new CommandError(
      `There is no template named "${name}" in this account. See: campaign-desk templates list`,
    );
  const t =
    language === undefined
      ? found.length === 1
        ? found[0]
        : undefined
      : found.find((x) => x.language === language);
  if (!t) {
    throw language === undefined
      ? new UsageError(
          `"${name}" exists in several languages (${found.map((x) => x.language).join(', ')}): write ${name}@LANGUAGE.`,
        )
      : new CommandError(
          `"${name}" exists in ${found.map((x) => x.language).join(', ')}, not in "${language}".`,
        );
  }
  return t;
}

async function applyVars(core: Core, campaignId: number, vars: string[]): Promise<void> {
  const byVariant = new Map<VariantId, string[]>();
  for (const raw of vars) {
    const { id, rest } = variantOfFlag(raw, '--variant-var', ['B', 'C']);
    byVariant.set(id, [...(byVariant.get(id) ?? []), rest]);
  }
  for (const [variant, entries] of byVariant) {
    const v = variant as 'B' | 'C';
    const setup = await call(core, 'variants.message', { campaignId, variant: v });
    const t = setup.template;
    if (!t)
      throw new CommandError(
        setup.templateWarning ?? `Variant ${v} has no template yet: --variant ${v}=TEMPLATE.`,
      );
    const mapping: Mapping = { ...setup.mapping };
    for (const entry of entries) {
      const eq = entry.indexOf('=');
      const key = eq < 0 ? entry : entry.slice(0, eq);
      const slot = t.slots.find((s) => s.key === key);
      if (eq < 0 || !slot)
        throw new UsageError(
          `--variant-var ${v}:${entry}: write ${v}:SLOT=VALUE with one of ${t.slots.map((s) => s.key).join(', ') || '(none)'}.`,
        );
      try {
        const src = parseMappingExpression(entry.slice(eq + 1), slot.kind);
        mapping[key] =
          src.kind === 'media' && src.media.type === 'file'
            ? { kind: 'media', media: { type: 'file', path: resolve(src.media.path) } }
            : src;
      } catch (e) {
        if (e instanceof MappingExpressionError)
          throw new UsageError(`--variant-var ${v}:${entry}: ${e.message}`);
        throw e;
      }
    }
    await call(core, 'variants.setMapping', { campaignId, variant: v, mapping });
  }
}

async function applyUtm(
  core: Core,
  campaignId: number,
  base: string | undefined,
  overrides: string[],
): Promise<boolean> {
  if (base === undefined && overrides.length === 0) return false;
  const off = base?.trim().toLowerCase() === 'off';
  const shared = base === undefined || off ? {} : parseUtmFlag(base, '--utm');
  const own = new Map<VariantId, UtmParams>();
  for (const raw of overrides) {
    const { id, rest } = variantOfFlag(raw, '--utm-variant');
    own.set(id, { ...own.get(id), ...parseUtmFlag(rest, '--utm-variant') });
  }
  const view = await call(core, 'variants.get', { campaignId });
  let tagged = 0;
  for (const v of view.variants) {
    if (off && !own.has(v.id)) {
      for (const slot of Object.keys(v.utm))
        await call(core, 'variants.setUtm', { campaignId, variant: v.id, slot, utm: null });
      continue;
    }
    const tags: UtmParams = { ...(base === undefined ? undefined : shared), ...own.get(v.id) };
    if (base === undefined && !own.has(v.id)) continue;
    for (const [k, value] of Object.entries(tags))
      tags[k as UtmKey] = value.replaceAll('{variant}', v.label);
    for (const b of v.urlButtons) {
      if (b.utmBlocked) continue;
      await call(core, 'variants.setUtm', {
        campaignId,
        variant: v.id,
        slot: b.slot,
        utm: base === undefined ? { ...v.utm[b.slot], ...tags } : tags,
      });
      tagged++;
    }
  }
  if (tagged === 0 && !off)
    throw new CommandError(
      'No variant has a link button with a variable at the end of its link, so there is nothing to add UTM tags to.',
    );
  return true;
}

export function describeVariants(view: VariantsView): string {
  const lines: string[] = [];
  const tagged = view.variants.some((v) => Object.keys(v.utm).length > 0);
  if (!view.split && !tagged)
    return 'A/B variants: none (everybody gets the campaign’s own message).';
  lines.push(
    view.split
      ? `A/B variants: ${view.variants.map((v) => v.id).join('/')} ${formatShares(view.variants.map((v) => v.share))} (seed ${view.seed}${view.assigned ? ', assigned' : ''})`
      : 'A/B variants: none; UTM tags:',
  );
  for (const v of view.variants) {
    const template = v.templateName
      ? `${v.templateName} (${v.templateLanguage ?? '?'})`
      : '(no template)';
    if (view.split)
      lines.push(
        `  ${v.id}  ${`"${v.label}"`.padEnd(22)}${String(v.share).padStart(3)}%  ${template.padEnd(34)}${human().countOf(v.recipients, noun('recipient'))}`,
      );
    for (const [slot, utm] of Object.entries(v.utm))
      lines.push(`     ${slot} tags: ${utmQuery(utm) || '(none)'}`);
    for (const p of v.problems) lines.push(`     problem: ${p}`);
  }
  return lines.join('\n');
}

const describeMapping = (mapping: Mapping) =>
  Object.entries(mapping)
    .map(([k, src]) => `${k}=${formatMappingExpression(src)}`)
    .join(' ');

export const variantsPart: SettingsPart = {
  usage:
    '[--variant B=TEMPLATE[@LANG][:SHARE] | A:SHARE …] [--variant-var B:SLOT=VALUE …] [--variant-label B=NAME …] [--variant-remove B|C] ' +
    '[--variant-seed N|new] [--utm source=S,medium=M,campaign=C[,content=X] | --utm off] [--utm-variant B:content=X …]',
  options: {
    variant: { type: 'string', multiple: true },
    'variant-var': { type: 'string', multiple: true },
    'variant-label': { type: 'string', multiple: true },
    'variant-remove': { type: 'string', multiple: true },
    'variant-seed': { type: 'string' },
    utm: { type: 'string' },
    'utm-variant': { type: 'string', multiple: true },
  },

  async apply(ctx, core, campaignId) {
    const variants = list(ctx, 'variant').map(parseVariantFlag);
    const vars = list(ctx, 'variant-var');
    const labels = list(ctx, 'variant-label');
    const removes = list(ctx, 'variant-remove');
    const seedRaw =
      typeof ctx.values['variant-seed'] === 'string' ? ctx.values['variant-seed'] : undefined;
    const utm = typeof ctx.values.utm === 'string' ? ctx.values.utm : undefined;
    const utmOwn = list(ctx, 'utm-variant');
    if (
      !variants.length &&
      !vars.length &&
      !labels.length &&
      !removes.length &&
      seedRaw === undefined &&
      utm === undefined &&
      !utmOwn.length
    )
      return null;
    if (seedRaw !== undefined && seedRaw !== 'new' && !/^\d{1,10}$/.test(seedRaw))
      throw new UsageError(`--variant-seed must be a whole number or "new", not "${seedRaw}".`);
    for (const r of removes)
      if (r !== 'B' && r !== 'C')
        throw new UsageError(`--variant-remove takes B or C, not "${r}".`);

    // Everything that can be refused is checked before the first change, so a bad flag changes nothing.
    const namedLabels = labels.map((raw) => {
      const eq = raw.indexOf('=');
      const id = raw.slice(0, eq);
      if (eq < 0 || !(VARIANT_IDS as readonly string[]).includes(id))
        throw new UsageError(`--variant-label ${raw}: write B=NAME.`);
      return { id: id as VariantId, label: raw.slice(eq + 1) };
    });
    let view = await call(core, 'variants.get', { campaignId });
    const accountId = (await call(core, 'campaigns.message', { campaignId })).accountId;
    const removeIds = [...new Set(removes)].sort().reverse() as ('B' | 'C')[];
    for (const r of removeIds)
      if (!view.variants.some((v) => v.id === r))
        throw new CommandError(`This campaign has no variant ${r} to remove.`);
    const ids = VARIANT_IDS.slice(0, view.variants.length - removeIds.length);
    const extra = variants.filter((x) => x.id !== 'A').sort((a, b) => a.id.localeCompare(b.id));
    for (const f of extra) {
      if (ids.includes(f.id)) continue;
      const next = VARIANT_IDS[ids.length];
      if (next !== f.id)
        throw new UsageError(
          `--variant ${f.id}: add ${next ?? 'no more'} first (variants are A, B, C in order).`,
        );
      ids.push(f.id);
    }
    const given = Object.fromEntries(
      variants.filter((f) => f.share !== undefined).map((f) => [f.id, f.share!]),
    ) as Partial<Record<VariantId, number>>;
    const unknown = Object.keys(given).filter((id) => !ids.includes(id as VariantId));
    if (unknown.length)
      throw new UsageError(
        `--variant ${unknown.join(', ')}: this campaign will have only ${ids.join(', ')}.`,
      );
    const shares = Object.keys(given).length > 0 ? completeShares(ids, given) : undefined;
    const templates = new Map<VariantId, TemplateInfo>();
    for (const f of extra)
      if (f.template)
        templates.set(
          f.id,
          await findTemplate(ctx, core, accountId, f.template.name, f.template.language),
        );

    // C before B, so removing both never turns C into B first.
    for (const r of removeIds) await call(core, 'variants.remove', { campaignId, variant: r });
    view = await call(core, 'variants.get', { campaignId });
    for (const f of extra) {
      const t = templates.get(f.id);
      if (!view.variants.some((v) => v.id === f.id))
        view = await call(core, 'variants.add', { campaignId, ...(t ? { templateId: t.id } : {}) });
      else if (t)
        await call(core, 'variants.setTemplate', {
          campaignId,
          variant: f.id as 'B' | 'C',
          templateId: t.id,
        });
    }
    for (const l of namedLabels)
      await call(core, 'variants.setLabel', { campaignId, variant: l.id, label: l.label });
    await applyVars(core, campaignId, vars);
    if (shares || seedRaw !== undefined) {
      await call(core, 'variants.setSplit', {
        campaignId,
        ...(shares ? { shares } : {}),
        ...(seedRaw !== undefined
          ? { seed: seedRaw === 'new' ? Math.floor(Math.random() * 2 ** 32) : Number(seedRaw) }
          : {}),
      });
    }
    const tagged = await applyUtm(core, campaignId, utm, utmOwn);
    view = await call(core, 'variants.get', { campaignId });
    const split = view.split
      ? `A/B ${view.variants.map((v) => v.id).join('/')} ${formatShares(view.variants.map((v) => v.share))}`
      : 'no A/B split';
    return `variants (${split}${tagged ? ', UTM tags' : ''})`;
  },

  async describe(_ctx, core, campaignId) {
    const view = await call(core, 'variants.get', { campaignId });
    const mappings: Record<string, string> = {};
    for (const v of view.variants.filter((x) => x.id !== 'A')) {
      mappings[v.id] = describeMapping(
        (await call(core, 'variants.message', { campaignId, variant: v.id })).mapping,
      );
    }
    const text = [
      describeVariants(view),
      ...Object.entries(mappings).map(([id, m]) => `  ${id} mapping: ${m || '(none)'}`),
    ].join('\n');
    return { key: 'variants', value: view, text: view.split ? text : describeVariants(view) };
  },
};
