import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Issue 15 item 10: counts go through the one formatting module with English plural rules
 * (fmt().countOf / human().countOf with noun()), never "template(s)", a hand-made "s" or
 * toLocaleString, which read "1 recipients" or print numbers in another shape than the rest.
 */
const FIXED = [
  { what: 'a "(s)" plural', re: /[a-z]{2,}\(s\)(?=[\s:,'`$]|\.(?![A-Za-z]))/ },
  { what: 'a hand-made "s"', re: /\? '' : 's'/ },
  { what: 'toLocaleString', re: /\.toLocaleString\(/ },
];

describe('the screens and the CLI write counts through the formatting module', () => {
  for (const dir of ['renderer/src', 'electron/headless']) {
    it(`has no fixed plural in ${dir}`, () => {
      const found: string[] = [];
      for (const file of sources(dir)) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/^\s*(\/\/|\*)/.test(line)) return;
            for (const f of FIXED)
              if (f.re.test(line)) found.push(`${file.slice(root.length + 1)}:${i + 1} ${f.what}`);
          });
      }
      expect(found).toEqual([]);
    });
  }

  it('would catch the patterns it looks for', () => {
    const line = "`Added ${n} template(s)`; n === 1 ? '' : 's'; x.toLocaleString('en')";
    expect(FIXED.every((f) => f.re.test(line))).toBe(true);
    expect(FIXED.some((f) => f.re.test('slotLabel(s).toLowerCase(); describe(s));'))).toBe(false);
  });
});
