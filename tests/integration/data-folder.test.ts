import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { storageProblem } from '../../electron/core/data-folder/storage-errors';
import { createCore } from '../../electron/core/service';
import { tempDir } from '../helpers/tmp';

const mode = (p: string) => statSync(p).mode & 0o777;
const isRoot = process.getuid?.() === 0;

describe('the data folder at rest', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it.skipIf(process.platform === 'win32')(
    'is 0700 with 0600 files after start (database, WAL, SHM, uploads, backups), and repairs wider modes',
    async () => {
      const dir = tempDir('cd-perm-');
      cleanups.push(dir.cleanup);
      const dataDir = join(dir.path, 'data');
      // What an older version left: a 0755 folder with world-readable files.
      mkdirSync(join(dataDir, 'uploads'), { recursive: true, mode: 0o755 });
      chmodSync(dataDir, 0o755);
      writeFileSync(join(dataDir, 'uploads', 'old-upload'), 'name,phone\n', { mode: 0o644 });
      mkdirSync(join(dataDir, 'backups'), { mode: 0o755 });
      writeFileSync(join(dataDir, 'backups', 'old.sqlite'), '', { mode: 0o644 });
      const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
      try {
        await core.handlers['campaigns.create']({ name: 'Modes' });
        expect(mode(dataDir)).toBe(0o700);
        for (const d of ['uploads', 'backups']) expect(mode(join(dataDir, d))).toBe(0o700);
        for (const f of [
          'campaign-desk.sqlite',
          'campaign-desk.sqlite-wal',
          'campaign-desk.sqlite-shm',
          join('uploads', 'old-upload'),
          join('backups', 'old.sqlite'),
        ])
          expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
      } finally {
        await core.close();
      }
    },
  );

  it.skipIf(process.platform === 'win32' || isRoot)(
    'a read-only data folder gets words a shop owner can act on, not SQLITE_READONLY',
    async () => {
      const dir = tempDir('cd-ro-');
      cleanups.push(dir.cleanup);
      const dataDir = join(dir.path, 'data');
      const first = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
      await first.close();
      chmodSync(join(dataDir, 'campaign-desk.sqlite'), 0o400);
      chmodSync(dataDir, 0o500);
      cleanups.unshift(() => chmodSync(dataDir, 0o700));
      let message: string;
      try {
        const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
        const r = await dispatch(
          core.handlers,
          'campaigns.create',
          { name: 'x' },
          { error: () => undefined },
        );
        await core.close();
        message = r.ok ? '' : r.error.message;
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/cannot write to its data folder|cannot open its database/);
      expect(message).not.toMatch(/SQLITE_/);
    },
  );

  it('maps a full disk and a read-only folder to what to do', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(storageProblem(full, '/data')).toMatch(
      /disk holding the data folder \(\/data\) is full.*free some space/,
    );
    expect(storageProblem(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toMatch(/is full/);
    const ro = Object.assign(new Error('attempt to write a readonly database'), {
      code: 'SQLITE_READONLY_DBMOVED',
    });
    expect(storageProblem(ro)).toMatch(/read-only, or owned by another user.*Nothing was changed/);
    expect(storageProblem(Object.assign(new Error('x'), { code: 'EACCES' }))).toMatch(/read-only/);
    expect(storageProblem(new Error('no code'))).toBeNull();
    expect(storageProblem(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBeNull();
  });
});
