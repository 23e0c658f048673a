import type { Selectable } from 'kysely';
import type { TemplateInfo } from '../../../shared/api';
import {
  campaignBlock,
  graphComponents,
  parseTemplateJson,
  templateProblems,
  templateSlots,
  type Template,
  type TemplateComponent,
} from '../../../shared/domain/templates';
import type { Store } from '../db/connection';
import type { TemplatesTable } from '../db/schema';

/** The `templates` table: one row per (account, name, language), components kept as JSON. */

export type TemplateRow = Selectable<TemplatesTable>;

/** Components as Meta's JSON, without the parser's own `unknownType` marker. */
export function componentsJson(components: readonly TemplateComponent[]): string {
  return JSON.stringify(graphComponents(components));
}

/** Reads a stored row back through the same parser a sync uses; null if the row cannot be read. */
export function templateFromRow(
  row: TemplateRow,
): { ok: true; template: Template } | { ok: false; errors: string[] } {
  let components: unknown;
  try {
    components = JSON.parse(row.components_json);
  } catch {
    return { ok: false, errors: ['The stored components are not valid JSON.'] };
  }
  const parsed = parseTemplateJson({
    name: row.name,
    language: row.language,
    status: row.status,
    category: row.category,
    sub_category: row.sub_category,
    parameter_format: row.parameter_format,
    id: row.meta_id,
    quality_score: row.quality_score === null ? null : { score: row.quality_score },
    ...(row.message_send_ttl_seconds !== null && {
      message_send_ttl_seconds: row.message_send_ttl_seconds,
    }),
    components,
  });
  return parsed.ok ? { ok: true, template: parsed.template } : { ok: false, errors: parsed.errors };
}

export function toTemplateInfo(row: TemplateRow): TemplateInfo | null {
  const parsed = templateFromRow(row);
  if (!parsed.ok) return null;
  const t = parsed.template;
  return {
    id: row.id,
    accountId: row.account_id,
    metaId: row.meta_id,
    name: row.name,
    language: row.language,
    status: row.status,
    category: row.category,
    parameterFormat: row.parameter_format,
    qualityScore: row.quality_score,
    source: row.source,
    syncedAt: row.synced_at,
    updatedAt: row.updated_at,
    template: t,
    slots: templateSlots(t),
    problems: templateProblems(t),
    unsendable: campaignBlock(t) ?? null,
  };
}

export function listTemplateRows(store: Store, accountId: number): TemplateRow[] {
  return store.all(
    store.q
      .selectFrom('templates')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('name')
      .orderBy('language'),
  );
}

export function getTemplateRow(store: Store, id: number): TemplateRow | undefined {
  return store.first(store.q.selectFrom('templates').selectAll().where('id', '=', id));
}

/** The columns a template row holds, from a parsed template. */
export function rowValues(t: Template) {
  return {
    meta_id: t.id ?? null,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    sub_category: t.sub_category ?? null,
    parameter_format: t.parameter_format,
    components_json: componentsJson(t.components),
    quality_score: t.quality_score?.score ?? null,
    message_send_ttl_seconds: t.message_send_ttl_seconds ?? null,
  };
}

export type RowValues = ReturnType<typeof rowValues>;

/** True when the stored row already says exactly what Meta says now. */
export function sameContent(row: TemplateRow, v: RowValues): boolean {
  return (
    row.meta_id === v.meta_id &&
    row.status === v.status &&
    row.category === v.category &&
    row.sub_category === v.sub_category &&
    row.parameter_format === v.parameter_format &&
    row.components_json === v.components_json &&
    row.quality_score === v.quality_score &&
    row.message_send_ttl_seconds === v.message_send_ttl_seconds
  );
}

/**
 * Campaigns keep the template's name and language, so when a template row comes back (a later sync,
 * or the same JSON pasted again) the campaigns that used it find it again, mapping intact.
 */
export function relinkCampaigns(store: Store, accountId: number): number {
  const orphans = store.all(
    store.q
      .selectFrom('campaigns')
      .select(['id', 'template_name', 'template_language'])
      .where('account_id', '=', accountId)
      .where('template_id', 'is', null)
      .where('template_name', 'is not', null),
  );
  let relinked = 0;
  for (const c of orphans) {
    const row = store.first(
      store.q
        .selectFrom('templates')
        .select('id')
        .where('account_id', '=', accountId)
        .where('name', '=', c.template_name ?? '')
        .where('language', '=', c.template_language ?? ''),
    );
    if (!row) continue;
    store.run(store.q.updateTable('campaigns').set({ template_id: row.id }).where('id', '=', c.id));
    relinked++;
  }
  return relinked;
}
