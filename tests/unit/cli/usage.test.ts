import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../electron/headless/cli-run';
import { COMMANDS } from '../../../electron/headless/cli/registry';

describe('CLI help', () => {
  it('never runs a command synopsis into its summary', () => {
    expect(COMMANDS.length).toBeGreaterThan(20);
    for (const c of COMMANDS) {
      // Either the summary starts on the next line, or at least two spaces keep them apart.
      const apart = USAGE.includes(`  ${c.usage}\n`) || USAGE.includes(`  ${c.usage}  `);
      expect(apart, c.usage).toBe(true);
    }
  });
});
