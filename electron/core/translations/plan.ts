import { CoreError } from '../../../shared/api';
import {
  countByLanguage,
  languageForRow,
  type FellBackRecipient,
  type LanguageChoice,
  type LanguagePlan,
  type RowLanguage,
} from '../../../shared/domain/translations';
import type { Store } from '../db/connection';
import { familyLanguages } from './family';
import { languageChoiceOf } from './setting';

/** Rows read per query: other writers interleave between chunks (a campaign may have 100k rows). */
const CHUNK = 2000;
/** Recipients named as having fallen back; the count covers the rest. */
const MAX_EXAMPLES = 8;

export function parseFields(json: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** What a row said about its language, for naming it when it fell back. */
function ownValue(choice: LanguageChoice, cells: Record<string, string>, country: string | null) {
  if (choice.kind === 'column') return (cells[choice.column] ?? '').trim().slice(0, 80);
  return choice.kind === 'country' ? (country ?? '') : '';
}

/** Which language each recipient of the campaign gets, counted, for the validation summary. */
export function languagePlan(store: Store, campaignId: number): LanguagePlan {
  const c = store.first(
    store.q
      .selectFrom('campaigns')
      .select(['account_id', 'template_name', 'template_language', 'settings_json'])
      .where('id', '=', campaignId),
  );
  if (!c) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  const choice = languageChoiceOf(c.settings_json);
  const family = c.template_name ? familyLanguages(store, c.account_id, c.template_name) : [];
  const fixed = c.template_language ?? '';
  const got: RowLanguage[] = [];
  const fellBackExamples: FellBackRecipient[] = [];
  let after = 0;
  // Bounded: each pass moves `after` forward; stops at the last row.
  for (;;) {
    const rows = store.all(
      store.q
        .selectFrom('recipients')
        .select(['id', 'row_number', 'phone', 'country', 'fields_json'])
        .where('campaign_id', '=', campaignId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK),
    );
    for (const r of rows) {
      const cells = parseFields(r.fields_json);
      const l = languageForRow(choice, { cells, country: r.country }, family, fixed);
      got.push(l);
      if (l.fellBack && fellBackExamples.length < MAX_EXAMPLES)
        fellBackExamples.push({
          recipientId: r.id,
          rowNumber: r.row_number,
          phone: r.phone,
          value: ownValue(choice, cells, r.country),
        });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < CHUNK) break;
    after = last.id;
  }
  const fallback =
    choice.kind === 'fixed' ? null : family.includes(choice.fallback) ? choice.fallback : fixed;
  return { choice, family, counts: countByLanguage(got), fallback, fellBackExamples };
}
