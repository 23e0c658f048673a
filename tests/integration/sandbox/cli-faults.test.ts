import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';

/** Runs `sandbox …` and stops it as soon as it has started (or refused to). */
async function sandbox(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['sandbox', '--port', '0', '--json', ...args], {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    env: {},
    untilStopped: () => Promise.resolve(),
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('sandbox command: transport faults', () => {
  it('starts with a 5xx share, a reset share and a seed', async () => {
    const r = await sandbox([
      '--server-error-rate',
      '0.02',
      '--reset-rate',
      '0.01',
      '--fault-seed',
      '7',
    ]);
    expect(r.code).toBe(EXIT.OK);
    expect(JSON.parse(r.out)).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
    });
  });

  it('refuses shares outside 0..1 and seeds that are not whole numbers, saying why', async () => {
    for (const [flag, value] of [
      ['--server-error-rate', '2'],
      ['--reset-rate', '-0.1'],
      ['--reset-rate', 'often'],
      ['--fault-seed', '1.5'],
    ] as const) {
      const r = await sandbox([flag, value]);
      expect(r.code, `${flag} ${value}`).toBe(EXIT.USAGE);
      expect(r.err, `${flag} ${value}`).toContain(flag);
    }
  });
});
