// The floor the import is compared with: papaparse alone over the same file plus one prepared
// INSERT in one transaction into the same (migrated) recipients table, no normalisation.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { openSqlite } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';

const file = process.argv[2];
if (!file) throw new Error('usage: import-floor.ts FILE');
const dataDir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
const db = openSqlite(join(dataDir, 'floor.sqlite'));
migrate(db);
db.prepare(
  "INSERT INTO accounts (name, kind, phone_number_id, waba_id, base_url, created_at, updated_at) VALUES ('a','cloud','1','2','x',0,0)",
).run();
db.prepare(
  "INSERT INTO campaigns (account_id, name, created_at, updated_at) VALUES (1, 'floor', 0, 0)",
).run();
const insert = db.prepare(
  'INSERT OR IGNORE INTO recipients (campaign_id, row_number, phone, fields_json) VALUES (1, ?, ?, ?)',
);
const started = performance.now();
const cpu = process.cpuUsage();
let header: string[] | null = null;
let n = 0;
db.exec('BEGIN');
await new Promise<void>((resolve, reject) => {
  Papa.parse<string[]>(
    createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as unknown as File,
    {
      chunk: (results) => {
        for (const row of results.data) {
          if (!header) {
            header = row;
            continue;
          }
          const fields: Record<string, string> = {};
          for (let i = 0; i < header.length; i++) fields[header[i]!] = row[i] ?? '';
          insert.run(++n, row[1] ?? '', JSON.stringify(fields));
        }
      },
      complete: () => resolve(),
      error: (e) => reject(e),
    },
  );
});
db.exec('COMMIT');
const ms = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
db.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    cpuMs: Math.round((user + system) / 1000),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    imported: n,
  }),
);
