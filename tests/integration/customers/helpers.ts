import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../electron/core/service';
import { tempDir } from '../../helpers/tmp';

export { callApi } from '../suppression/helpers';

/** A core on a fresh data folder with a clock the test moves. */
export function openBook() {
  const dir = tempDir('cd-book-');
  let now = Date.UTC(2026, 2, 2, 9, 0);
  const core: Core = createCore({
    dataDir: dir.path,
    shell: 'headless',
    externalChangePollMs: 0,
    clock: { now: () => now },
  });
  return {
    core,
    dir: dir.path,
    setNow: (ms: number) => {
      now = ms;
    },
    file: (name: string, text: string) => {
      const path = join(dir.path, name);
      writeFileSync(path, text);
      return path;
    },
    book: () =>
      core.store.sqlite
        .prepare(
          'SELECT phone, country, attributes_json, attribute_dates_json, first_seen_at, last_seen_at, consent_source, consent_at, consent_evidence FROM customers ORDER BY phone',
        )
        .all() as {
        phone: string;
        country: string | null;
        attributes_json: string;
        attribute_dates_json: string;
        first_seen_at: number;
        last_seen_at: number;
        consent_source: string | null;
        consent_at: number | null;
        consent_evidence: string | null;
      }[],
    close: async () => {
      await core.close();
      dir.cleanup();
    },
  };
}
