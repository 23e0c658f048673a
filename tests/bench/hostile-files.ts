// Hostile files through the real import (issue 22 "Done when"): each file in its own process
// (tests/bench/hostile-import.ts), with the time to the answer, the process's RSS before and its
// peak, the answer the user sees, and whether the process then imports a small file. The files
// come from tests/helpers/hostile-files.ts, as in the tests; they are kept in .tmp/bench/hostile
// between runs (the largest take a while to build). Linux only (reads /proc).
// Run: npx tsx tests/bench/hostile-files.ts   (BENCH_HOSTILE=csv-600mb-cell,... for some)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  brokenUtf16Csv,
  endlessCellCsv,
  lateInvalidUtf8Csv,
  longCellXlsx,
  manyDistinctStrings,
  nulByteCsv,
  repeatedSharedStrings,
  sharedStringsBomb,
} from '../helpers/hostile-files';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.tmp', 'bench', 'hostile');
mkdirSync(work, { recursive: true });
const MB = 1024 * 1024;

interface Case {
  name: string;
  what: string;
  file: string;
  make: (path: string) => Promise<void> | void;
}
const write = (data: () => Buffer) => (path: string) => writeFileSync(path, data());
const CASES: Case[] = [
  {
    name: 'floor',
    what: 'floor: a valid one-row CSV (core start excluded; the worker start is in every row)',
    file: 'one-row.csv',
    make: write(() => Buffer.from('phone\n+447911000001\n')),
  },
  {
    name: 'xlsx-bomb-64mb',
    what: '.xlsx, 64 MB of shared strings packed ~400× (declares 1,000 bytes)',
    file: 'bomb-64mb.xlsx',
    make: write(() => sharedStringsBomb(repeatedSharedStrings(64 * MB))),
  },
  {
    name: 'xlsx-bomb-1gb',
    what: '.xlsx, 1 GB of shared strings (~63 M entries) packed ~400×',
    file: 'bomb-1gb.xlsx',
    make: write(() => sharedStringsBomb(repeatedSharedStrings(1024 * MB))),
  },
  {
    name: 'xlsx-10m-strings',
    what: '.xlsx, 10,000,001 distinct shared strings (packs ~6×)',
    file: 'strings-10m.xlsx',
    make: write(() => manyDistinctStrings(10_000_001)),
  },
  {
    name: 'xlsx-9m-strings',
    what: '.xlsx, 9,000,000 distinct shared strings (packs ~6×)',
    file: 'strings-9m.xlsx',
    make: write(() => manyDistinctStrings(9_000_000)),
  },
  {
    name: 'xlsx-3m-strings',
    what: '.xlsx, 3,000,000 distinct shared strings (within every byte limit; exceljs holds them)',
    file: 'strings-3m.xlsx',
    make: write(() => manyDistinctStrings(3_000_000)),
  },
  {
    name: 'xlsx-long-cell',
    what: '.xlsx with one 250,000-character cell',
    file: 'long-cell.xlsx',
    make: (path) => longCellXlsx(path, 250_000),
  },
  {
    name: 'csv-64mb-cell',
    what: 'CSV with one 64 MB cell (a quote never closed)',
    file: 'cell-64mb.csv',
    make: (path) => endlessCellCsv(path, 64 * MB),
  },
  {
    name: 'csv-600mb-cell',
    what: 'CSV with one 600 MB cell (a quote never closed)',
    file: 'cell-600mb.csv',
    make: (path) => endlessCellCsv(path, 600 * MB),
  },
  {
    name: 'csv-nul',
    what: 'CSV with a NUL byte in one of three rows',
    file: 'nul.csv',
    make: write(nulByteCsv),
  },
  {
    name: 'csv-late-bad-utf8',
    what: 'CSV, UTF-8 for 100 KB then a byte that is not UTF-8',
    file: 'late-bad-utf8.csv',
    make: write(lateInvalidUtf8Csv),
  },
  {
    name: 'csv-broken-utf16',
    what: 'CSV, UTF-16 LE BOM, odd byte count and a lone surrogate',
    file: 'broken-utf16.csv',
    make: write(brokenUtf16Csv),
  },
];

const only = process.env.BENCH_HOSTILE?.split(',').map((s) => s.trim());
for (const name of only ?? [])
  if (!CASES.some((c) => c.name === name)) throw new Error(`BENCH_HOSTILE: unknown case ${name}`);
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log('| File | Size | Answer | Time | RSS before → peak | Process after |');
console.log('| --- | ---: | --- | ---: | --- | --- |');
for (const c of CASES.filter((x) => !only || only.includes(x.name))) {
  const path = join(work, c.file);
  if (!existsSync(path)) await c.make(path);
  const out = execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(import.meta.dirname, 'hostile-import.ts'),
      path,
      c.file,
    ],
    { encoding: 'utf8', cwd: root, maxBuffer: 16 * MB },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
    ms: number;
    rssBeforeMB: number;
    peakMB: number;
    answer: string;
    aliveAfter: boolean;
  };
  const size = statSync(path).size;
  const shown = size >= MB ? `${(size / MB).toFixed(1)} MB` : `${(size / 1024).toFixed(0)} KB`;
  console.log(
    `| ${c.what} | ${shown} | ${r.answer} | ${(r.ms / 1000).toFixed(1)} s | ` +
      `${r.rssBeforeMB} → ${r.peakMB} MB | ${r.aliveAfter ? 'imports the next file' : 'FAILED the next file'} |`,
  );
}
