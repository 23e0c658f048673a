import type { Store } from '../db/connection';

/**
 * A template family: the approved templates of one account sharing a name, one per language
 * (Meta identifies a template by name + language; verified: developers.facebook.com
 * …/templates/supported-languages, "use the same code when you create, retrieve, edit, delete or
 * send that localized template"). Only approved ones can be sent, so only they count.
 */
export function familyLanguages(store: Store, accountId: number, name: string): string[] {
  return store
    .all(
      store.q
        .selectFrom('templates')
        .select('language')
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .where('status', '=', 'APPROVED')
        .orderBy('language'),
    )
    .map((r) => r.language);
}

/** The template row id of one family language, when it is approved. */
export function familyTemplateId(
  store: Store,
  accountId: number,
  name: string,
  language: string,
): number | null {
  const row = store.first(
    store.q
      .selectFrom('templates')
      .select('id')
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .where('language', '=', language)
      .where('status', '=', 'APPROVED'),
  );
  return row?.id ?? null;
}
