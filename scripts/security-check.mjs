// Runs Doyensec's Electronegativity over the code that ships in the app (electron/, renderer/,
// package.json) and fails on any HIGH finding not explained in scripts/electronegativity-reviewed.json.
// It reads the source only: no Electron binary, and no network (see the two offline measures below).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Offline 1: Electronegativity asks a web server for updated translations before every run (and
// waits up to a second for it). Its bundled en-US strings are enough, so `got` answers "offline".
const enDir = dirname(require.resolve('@doyensec/electronegativity'));
const gotPath = require.resolve('got', { paths: [enDir] });
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: () => Promise.reject(new Error('offline by design')),
};
process.env.LANG = 'en-US';
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

// Offline 2: AVAILABLE_SECURITY_FIXES downloads Electron's release list. Whether Electron is current
// is a dependency-update question (npm outdated), not something to decide from source; skipped.
const EXCLUDED = ['availablesecurityfixesglobalcheck'];

const reviewed = JSON.parse(
  readFileSync(join(root, 'scripts', 'electronegativity-reviewed.json'), 'utf8'),
).findings;
const electronVersion = require('electron/package.json').version;

// Scan a copy of exactly what ships, so tests, scripts and build output never blur the result,
// while the global checks (navigation limits, CSP, permissions) still see main and renderer together.
const stage = mkdtempSync(join(tmpdir(), 'cd-electronegativity-'));
try {
  const skip = (p) => !p.includes('node_modules');
  cpSync(join(root, 'electron'), join(stage, 'electron'), { recursive: true, filter: skip });
  cpSync(join(root, 'renderer'), join(stage, 'renderer'), { recursive: true, filter: skip });
  cpSync(join(root, 'package.json'), join(stage, 'package.json'));

  const quiet = console.log;
  console.log = (...args) => {
    if (!String(args[0]).includes('Could not retrieve updated translations')) quiet(...args);
  };
  let result;
  try {
    result = await run({
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED,
      parserPlugins: [],
    });
  } finally {
    console.log = quiet;
  }

  const issues = result.issues.map((i) => ({
    check: i.id,
    file: i.file.replace(/\\/g, '/'),
    line: i.location?.line ?? 0,
    severity: i.severity.name,
    description: i.description,
  }));
  const explained = (i) => reviewed.find((r) => r.check === i.check && r.file === i.file);
  const unexplainedHigh = issues.filter((i) => i.severity === 'HIGH' && !explained(i));
  const broken = (result.errors ?? []).filter((e) => !e.tolerable);

  for (const i of issues.filter((x) => x.severity !== 'INFORMATIONAL')) {
    const note = explained(i);
    quiet(
      `${i.severity.padEnd(6)} ${i.check} ${i.file}:${i.line}${note ? `\n       reviewed: ${note.reason}` : ''}`,
    );
  }
  for (const r of reviewed) {
    if (!issues.some((i) => i.check === r.check && i.file === r.file))
      quiet(
        `note: the reviewed finding ${r.check} in ${r.file} no longer occurs; remove it from the list.`,
      );
  }
  for (const e of broken)
    console.error(`Electronegativity could not parse ${e.file}: ${e.message}`);
  for (const i of unexplainedHigh) {
    console.error(
      `HIGH finding without a review: ${i.check} in ${i.file}:${i.line} (${i.description}).`,
    );
  }
  if (unexplainedHigh.length || broken.length) {
    console.error('Fix it, or explain why it is safe in scripts/electronegativity-reviewed.json.');
    process.exit(1);
  }
  const bySeverity = new Map();
  for (const i of issues) bySeverity.set(i.severity, (bySeverity.get(i.severity) ?? 0) + 1);
  const counts = [...bySeverity].map(([s, n]) => `${n} ${s.toLowerCase()}`);
  quiet(
    `Electronegativity: ${result.issues.length} findings (${counts.join(', ')}), every high one reviewed.`,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
