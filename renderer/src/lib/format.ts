import { createFormat, localeFor, type Format } from '../../../shared/format';
import { useStore } from '../store';

export { noun } from '../../../shared/format';

let cached: { key: string; format: Format } | undefined;

/**
 * The renderer's one formatter: the user's language and zone, with the business's country as
 * the region when the language names none. Read at render time, so a change of country shows on
 * the next render of each screen (every screen re-renders on navigation and on data changes).
 */
export function fmt(): Format {
  const language = typeof navigator === 'undefined' ? undefined : navigator.language;
  const country = useStore.getState().businessCountry?.country ?? null;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const key = `${language ?? ''}|${country ?? ''}|${timeZone}`;
  if (cached?.key !== key) {
    cached = { key, format: createFormat({ locale: localeFor(language, country), timeZone }) };
  }
  return cached.format;
}
