import {
  buildSendBody,
  parseTemplateJson,
  resolveValues,
  SendBodyError,
  templateSlots,
  validateRecipient,
  type CloudApiTemplateMessage,
  type Mapping,
  type MediaRef,
  type MediaSource,
  type Problem,
  type Template,
} from '../../../shared/domain/templates';
import type { Store } from '../db/connection';

/**
 * What the sender needs to turn one recipient into the exact request Meta receives: the
 * campaign's template and mapping, loaded once, and a compose function that uses the same
 * shared functions as the preview and the validation.
 */
export interface CampaignMessage {
  template: Template;
  templateRowId: number;
  mapping: Mapping;
  /** The header's media source, when the template has a media header. */
  mediaSource: MediaSource | null;
  compose: (
    recipient: { phone: string; fields: Record<string, string> },
    options: { callbackData: string; media?: MediaRef },
  ) => { ok: true; body: CloudApiTemplateMessage } | { ok: false; problems: Problem[] };
}

/**
 * The `biz_opaque_callback_data` a recipient's send carries (Meta echoes it in status webhooks), so
 * status data can be matched to the row. One definition for the sender and the preview, so the
 * preview's request body is the one really sent.
 */
export function recipientCallbackData(campaignId: number, recipientId: number): string {
  return `cd:${campaignId}:${recipientId}`;
}

export type LoadResult = { ok: true; message: CampaignMessage } | { ok: false; reason: string };

export function loadCampaignMessage(store: Store, campaignId: number): LoadResult {
  const row = store.first(
    store.q
      .selectFrom('campaigns')
      .leftJoin('templates', 'templates.id', 'campaigns.template_id')
      .select([
        'campaigns.mapping_json',
        'campaigns.template_name',
        'campaigns.template_language',
        'templates.id as template_row_id',
        'templates.name',
        'templates.language',
        'templates.status',
        'templates.category',
        'templates.sub_category',
        'templates.parameter_format',
        'templates.components_json',
        'templates.meta_id',
      ])
      .where('campaigns.id', '=', campaignId),
  );
  if (!row) return { ok: false, reason: `Campaign ${campaignId} does not exist.` };
  if (!row.template_name) return { ok: false, reason: 'Choose a template for this campaign first.' };
  if (row.template_row_id === null || row.components_json === null) {
    return {
      ok: false,
      reason: `The template "${row.template_name}" (${row.template_language ?? '?'}) is no longer in this account's templates. Sync templates or choose another.`,
    };
  }
  const parsed = parseTemplateJson({
    name: row.name,
    language: row.language,
    status: row.status,
    category: row.category,
    sub_category: row.sub_category,
    parameter_format: row.parameter_format,
    id: row.meta_id,
    components: JSON.parse(row.components_json) as unknown,
  });
  if (!parsed.ok) return { ok: false, reason: `The stored template cannot be read: ${parsed.errors.join(' ')}` };
  const template = parsed.template;
  const mapping = (row.mapping_json ? JSON.parse(row.mapping_json) : {}) as Mapping;
  const mediaSlot = templateSlots(template).find((s) => s.kind === 'media');
  const mediaMapping = mediaSlot ? mapping[mediaSlot.key] : undefined;
  const mediaSource = mediaMapping?.kind === 'media' ? mediaMapping.media : null;

  return {
    ok: true,
    message: {
      template,
      templateRowId: row.template_row_id,
      mapping,
      mediaSource,
      compose(recipient, options) {
        const values = resolveValues(template, mapping, recipient.fields);
        const problems = validateRecipient(template, values, mapping).filter((p) => !(options.media && p.code === 'MEDIA_MISSING'));
        if (problems.length > 0) return { ok: false, problems };
        try {
          const body = buildSendBody(template, {
            to: recipient.phone,
            values,
            mapping,
            bizOpaqueCallbackData: options.callbackData,
            ...(options.media ? { media: options.media } : {}),
          });
          return { ok: true, body };
        } catch (e) {
          if (e instanceof SendBodyError) return { ok: false, problems: e.problems.map((message): Problem => ({ code: 'EMPTY_PARAMETER', message })) };
          throw e;
        }
      },
    },
  };
}
