import { CoreError, type ParsedInput } from '../../../shared/api';
import { normalizePhone } from '../../../shared/domain/phone';
import { isUsMarketing, LEFT_OUT_TEXT, US_MARKETING_REASON } from '../../../shared/domain/reach';
import {
  campaignBlock,
  renderBodyText,
  resolveMessageValues,
  templateSlots,
  type CloudApiTemplateMessage,
  type Mapping,
  type SlotKind,
} from '../../../shared/domain/templates';
import { inFormWords, slotLabel } from '../../../shared/domain/templates/slot-label';
import type { Store } from '../db/connection';
import { getTemplateRow, templateFromRow } from '../templates/store';
import { composeTemplate } from '../templates/compose';

/** Slots a person types a value into; media, places and carousels come from a campaign's files. */
const TYPED: ReadonlySet<SlotKind> = new Set(['text', 'url_suffix', 'coupon_code', 'offer_expiry']);

export interface TemplateAnswer {
  accountId: number;
  templateName: string;
  templateLanguage: string;
  /** The body as the customer reads it, kept on the answer for the thread. */
  bodyText: string;
  body: CloudApiTemplateMessage;
}

/**
 * The exact request for one customer from an approved template and the values typed for its
 * placeholders, through the campaign composer (templates/compose.ts), or a refusal in the shop
 * owner's words. `accountId` is the account the customer wrote to (null: none did).
 */
export function composeTemplateAnswer(
  store: Store,
  input: ParsedInput<'replies.sendTemplate'>,
  phone: string,
  accountId: number | null,
): TemplateAnswer {
  if (accountId === null)
    throw new CoreError(
      'NOT_FOUND',
      `No account of yours received messages from ${phone}, so there is no number to send the template from.`,
    );
  const row = getTemplateRow(store, input.templateId);
  if (!row) throw new CoreError('NOT_FOUND', 'That template is no longer in Campaign Desk.');
  const name = `The template "${row.name}" (${row.language})`;
  if (row.account_id !== accountId)
    throw new CoreError(
      'VALIDATION',
      `${name} belongs to another account than the one ${phone} wrote to; choose one of that account's templates.`,
    );
  // Meta refuses a template not approved with 132001 (cloud-api.md error table, marked UNCONFIRMED
  // there; assumed for PAUSED and PENDING too): refused here, before anything is recorded.
  if (row.status !== 'APPROVED')
    throw new CoreError(
      'VALIDATION',
      `${name} is ${row.status.toLowerCase()}, not approved: WhatsApp sends only approved templates.`,
    );
  const read = templateFromRow(row);
  if (!read.ok) throw new CoreError('VALIDATION', `${name} cannot be read: ${read.errors[0]}`);
  const template = read.template;
  const blocked = campaignBlock(template);
  if (blocked) throw new CoreError('VALIDATION', blocked);
  const country = normalizePhone(phone, null);
  if (isUsMarketing(template.category, country.ok ? country.country : null))
    throw new CoreError(
      'VALIDATION',
      `${name} is a marketing template and ${US_MARKETING_REASON}. ${LEFT_OUT_TEXT.us_marketing.fix}`,
    );
  const slots = templateSlots(template);
  const untyped = slots.find((s) => !TYPED.has(s.kind));
  if (untyped)
    throw new CoreError(
      'VALIDATION',
      `${name} needs a ${slotLabel(untyped).toLowerCase()}, which cannot be typed here: send it with a campaign.`,
    );
  const mapping: Mapping = {};
  for (const slot of slots) {
    const value = input.parameters[slot.key] ?? '';
    if (value.trim() === '')
      throw new CoreError(
        'VALIDATION',
        `Fill in ${slotLabel(slot)}: WhatsApp refuses a template with an empty placeholder.`,
      );
    mapping[slot.key] = { kind: 'static', value };
  }
  const composed = composeTemplate(
    template,
    mapping,
    {},
    { phone, fields: {} },
    {
      callbackData: 'cd:reply',
    },
  );
  if (!composed.ok)
    throw new CoreError(
      'VALIDATION',
      inFormWords(composed.problems.map((p) => p.message).join(' '), slots),
    );
  const values = resolveMessageValues(template, mapping, {}, {});
  return {
    accountId,
    templateName: row.name,
    templateLanguage: row.language,
    bodyText: renderBodyText(template, values),
    body: composed.body,
  };
}
