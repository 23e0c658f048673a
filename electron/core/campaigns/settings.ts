import { CoreError } from '../../../shared/api';
import type { Store } from '../db/connection';

/**
 * A campaign's targeting and pacing settings live in campaigns.settings_json as one object whose
 * keys belong to separate features (audience filter, frequency cap, quiet hours, spread, A/B
 * variants). Each feature parses its own key with its own zod schema; this module only reads and
 * writes keys, synchronously, so a change is one small transaction and never awaits anything.
 */
export type SettingsObject = Record<string, unknown>;

export function readSettings(store: Store, campaignId: number): SettingsObject {
  const row = store.first(
    store.q.selectFrom('campaigns').select('settings_json').where('id', '=', campaignId),
  );
  if (!row) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  return parseSettingsJson(row.settings_json);
}

/** A row's settings_json, tolerant of old or damaged values: anything but an object reads as {}. */
export function parseSettingsJson(json: string | null | undefined): SettingsObject {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as SettingsObject)
      : {};
  } catch {
    return {};
  }
}

/**
 * Sets (or with `undefined`, removes) one key. Settings change only while the campaign is a draft,
 * unless `allowedStates` says otherwise (pacing may be changed while paused, for instance).
 */
export function writeSetting(
  store: Store,
  campaignId: number,
  key: string,
  value: unknown,
  now: number,
  options: { allowedStates?: readonly string[] } = {},
): SettingsObject {
  return store.tx(() => {
    const row = store.first(
      store.q
        .selectFrom('campaigns')
        .select(['settings_json', 'state'])
        .where('id', '=', campaignId),
    );
    if (!row) throw new CoreError('NOT_FOUND', `Campaign ${campaignId} does not exist.`);
    const allowed = options.allowedStates ?? ['draft'];
    if (!allowed.includes(row.state)) {
      throw new CoreError(
        'CONFLICT',
        `This campaign is ${row.state}; this setting can be changed only while it is ${allowed.join(' or ')}.`,
      );
    }
    const settings = parseSettingsJson(row.settings_json);
    if (value === undefined) delete settings[key];
    else settings[key] = value;
    store.run(
      store.q
        .updateTable('campaigns')
        .set({ settings_json: JSON.stringify(settings), updated_at: now })
        .where('id', '=', campaignId),
    );
    return settings;
  });
}
