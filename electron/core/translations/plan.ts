import { CoreError } from '../../../shared/api';
import {
  countByLanguage,
  languageForRow,
  type LanguagePlan,
} from '../../../shared/domain/translations';
import type { Store } from '../db/connection';
import { familyLanguages } from './family';
import { languageChoiceOf } from './setting';

/** Rows read per query: other writers interleave between chunks (a campaign may have 100k rows). */
const CHUNK = 2000;

function parseFields(json: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
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
  const got = [];
  let after = 0;
  // Bounded: each pass moves `after` forward; stops at the last row.
  for (;;) {
    const rows = store.all(
      store.q
        .selectFrom('recipients')
        .select(['id', 'country', 'fields_json'])
        .where('campaign_id', '=', campaignId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK),
    );
    for (const r of rows)
      got.push(
        languageForRow(
          choice,
          { cells: parseFields(r.fields_json), country: r.country },
          family,
          fixed,
        ),
      );
    const last = rows[rows.length - 1];
    if (!last || rows.length < CHUNK) break;
    after = last.id;
  }
  return { choice, family, counts: countByLanguage(got) };
}
