import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';

describe('CLI: pricing show, import, remove', () => {
  const dirs: { path: string; cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it("imports Meta's card, shows the card in force today, and removes it again", async () => {
    const d = tempDir('cd-pricing-cli-');
    dirs.push(d);
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--data-dir', d.path], {
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
        env: {},
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const file = join(d.path, 'meta-card.csv');
    writeFileSync(
      file,
      [
        'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service',
        'Poland,EUR,0.0303,0.0101,0.0101,n/a,n/a',
        'Other,EUR,0.0500,0.0064,0.0064,n/a,n/a',
      ].join('\n'),
    );
    const undated = await cli('pricing', 'import', file);
    expect(undated.code).toBe(EXIT.FAILED);
    expect(undated.err).toMatch(/does not say from when/);

    const imported = await cli('pricing', 'import', file, '--effective', '2026-01-01');
    expect(imported.code).toBe(EXIT.OK);
    expect(imported.out).toMatch(/Imported the rate card of 2026-01-01 \(EUR, 2 markets\)/);

    const show = await cli('pricing', 'show');
    expect(show.out).toMatch(/messages sent on \d{4}-\d{2}-\d{2}: the card of 2026-01-01 \(EUR\)/);
    expect(show.out).toMatch(/Poland +€0\.0303/);
    expect(show.out).toMatch(/2025-07-01 +USD .*bundled/);

    expect((await cli('pricing', 'remove', '2026-01-01')).code).toBe(EXIT.OK);
    const json = JSON.parse((await cli('pricing', 'show', '--json')).out) as {
      effectiveDate: string;
      cards: unknown[];
    };
    expect(json).toMatchObject({ effectiveDate: '2025-07-01' });
    expect(json.cards).toHaveLength(1);
  });
});
