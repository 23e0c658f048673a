import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { tempDir } from '../../helpers/tmp';

const DB_DIR = join(import.meta.dirname, '../../../electron/core/db');
// schema.ts and its parts (schema-customers.ts, schema-replies.ts, …).
const SCHEMA_FILES = readdirSync(DB_DIR)
  .filter((f) => /^schema(-[a-z-]+)?\.ts$/.test(f))
  .map((f) => join(DB_DIR, f));

interface DeclaredColumn {
  name: string;
  nullable: boolean;
}

/**
 * Kysely's schema is types only, so the test reads them from the source: interface DB maps each
 * table to an interface, whose properties are the columns; a column is nullable when `null` is
 * among its types (inside Generated<…> too).
 */
function declaredTables(): Map<string, DeclaredColumn[]> {
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  for (const file of SCHEMA_FILES) {
    const part = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    part.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    });
  }
  const db = interfaces.get('DB');
  const source = db?.getSourceFile();
  if (!db || !source) throw new Error('schema.ts has no interface DB');
  const tables = new Map<string, DeclaredColumn[]>();
  for (const member of db.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const table = member.name.getText(source);
    const iface = interfaces.get(member.type.getText(source));
    if (!iface) throw new Error(`schema.ts: ${table} points at a missing interface`);
    tables.set(
      table,
      iface.members.filter(ts.isPropertySignature).map((p) => ({
        name: p.name.getText(iface.getSourceFile()),
        nullable: /\bnull\b/.test(p.type?.getText(iface.getSourceFile()) ?? ''),
      })),
    );
  }
  return tables;
}

describe('the kysely schema (db/schema.ts) matches the migrated database', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('has every table and column, with the same nullability, and nothing else', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openSqlite(join(dir.path, 'schema.sqlite'));
    try {
      migrate(db, { backupDir: join(dir.path, 'backups') });
      const actual = new Map<string, DeclaredColumn[]>();
      const names = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
        )
        .pluck()
        .all() as string[];
      for (const table of names) {
        const info = db.pragma(`table_info(${JSON.stringify(table)})`) as {
          name: string;
          notnull: number;
          pk: number;
        }[];
        actual.set(
          table,
          info.map((c) => ({ name: c.name, nullable: c.notnull === 0 && c.pk === 0 })),
        );
      }
      const declared = declaredTables();
      const sorted = (m: Map<string, DeclaredColumn[]>) =>
        Object.fromEntries(
          [...m.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([t, cols]) => [
              t,
              cols
                .map((c) => `${c.name}${c.nullable ? '?' : ''}`)
                .sort((a, b) => a.localeCompare(b)),
            ]),
        );
      expect(sorted(declared)).toEqual(sorted(actual));
    } finally {
      db.close();
    }
  });
});
