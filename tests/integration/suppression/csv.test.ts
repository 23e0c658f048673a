import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/service';
import { EXPORT_HEADER } from '../../../electron/core/suppression/export';
import { tempDir } from '../../helpers/tmp';
import { callApi } from './helpers';

const listed = (core: Core) =>
  core.store.sqlite
    .prepare('SELECT phone, reason, source, detail FROM suppression ORDER BY phone')
    .all() as { phone: string; reason: string; source: string; detail: string | null }[];

describe('suppression list: CSV import and export', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });
  const open = () => {
    const dir = tempDir('cd-supp-csv-');
    const core = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
    closers.push(() => dir.cleanup());
    closers.push(() => core.close());
    return { core, dir: dir.path };
  };
  const exportTo = async (core: Core, path: string) => {
    const out = createWriteStream(path);
    await core.suppression.download().write(out);
    out.end();
    await finished(out);
    return readFileSync(path);
  };

  it('imports a hostile UTF-8 file (BOM, formula cells, Excel-mangled and bad numbers, repeats) with a reason per row', async () => {
    const { core, dir } = open();
    await callApi(core, 'suppression.add', {
      phone: '+44 7911 123459',
      reason: 'Asked at the till',
    });
    const file = join(dir, 'hostile.csv');
    writeFileSync(
      file,
      '\uFEFFPhone,Reason\r\n' +
        '+447911123456,"=HYPERLINK(""http://evil.example"",""click"")"\r\n' +
        "'+447911123457,Complained\r\n" +
        '4.47911E+11,scientific\r\n' +
        'not a number,words\r\n' +
        ',no phone\r\n' +
        '+44 7911 123456,again\r\n' +
        '+447911123459,already there\r\n' +
        '"+447911123458, +447911123460",two in one\r\n' +
        '\r\n',
    );
    const result = await callApi(core, 'suppression.import', {
      file: { kind: 'path', path: file },
    });
    expect(result).toMatchObject({
      fileName: 'hostile.csv',
      encoding: 'utf-8',
      phoneColumn: 'Phone',
      rows: 8,
      added: 2,
      alreadyListed: 1,
      duplicates: 1,
      rejected: 4,
    });
    expect(result.rejectedRows.map((r) => [r.row, r.value])).toEqual([
      [4, '4.47911E+11'],
      [5, 'not a number'],
      [6, ''],
      [9, '+447911123458, +447911123460'],
    ]);
    expect(result.rejectedRows[0]!.reason).toMatch(/scientific|Excel/i);
    expect(listed(core)).toEqual([
      {
        phone: '+447911123456',
        reason: '=HYPERLINK("http://evil.example","click")',
        source: 'csv',
        detail: '"hostile.csv" row 2',
      },
      {
        phone: '+447911123457',
        reason: 'Complained',
        source: 'csv',
        detail: '"hostile.csv" row 3',
      },
      // Already listed: the first reason stands.
      { phone: '+447911123459', reason: 'Asked at the till', source: 'manual', detail: null },
    ]);
  });

  it('reads a Windows-1252 file with semicolons and local numbers in the given country', async () => {
    const { core, dir } = open();
    const file = join(dir, 'excel.csv');
    const text = 'Téléphone;Nom\r\n06 12 34 56 78;Hélène\r\n07 98 76 54 32;Zoé\r\n';
    writeFileSync(file, Buffer.from([...text].map((c) => c.charCodeAt(0))));
    const result = await callApi(core, 'suppression.import', {
      file: { kind: 'path', path: file },
      options: { defaultCountry: 'FR' },
      reason: 'Old opt-out list from the shop',
    });
    expect(result).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      phoneColumn: 'Téléphone',
      added: 2,
      rejected: 0,
    });
    expect(listed(core).map((r) => [r.phone, r.reason])).toEqual([
      ['+33612345678', 'Old opt-out list from the shop'],
      ['+33798765432', 'Old opt-out list from the shop'],
    ]);
  });

  it('previews a file as the import will read it, without adding anything', async () => {
    const { core, dir } = open();
    const file = join(dir, 'list.tsv');
    writeFileSync(file, 'Name\tMobile\nAnn\t+447911123456\nBob\t07911 123457\n');
    const preview = await callApi(core, 'suppression.preview', {
      file: { kind: 'path', path: file },
      options: { defaultCountry: 'GB' },
    });
    expect(preview).toMatchObject({
      delimiter: '\t',
      hasHeader: true,
      columns: ['Name', 'Mobile'],
      phoneColumn: 'Mobile',
    });
    expect(preview.phones).toEqual([
      { ok: true, e164: '+447911123456', nonMobile: false },
      { ok: true, e164: '+447911123457', nonMobile: false },
    ]);
    expect(listed(core)).toEqual([]);
  });

  it('is all or nothing: a file it cannot read, or a phone column it does not have, adds nothing', async () => {
    const { core, dir } = open();
    const file = join(dir, 'list.csv');
    writeFileSync(file, 'phone\n+447911123456\n+447911123457\n');
    await expect(
      callApi(core, 'suppression.import', {
        file: { kind: 'path', path: file },
        options: { phoneColumn: 'Mobile' },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no column named "Mobile"/),
    });
    const binary = join(dir, 'photo.csv');
    writeFileSync(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]),
    );
    await expect(
      callApi(core, 'suppression.import', { file: { kind: 'path', path: binary } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    writeFileSync(join(dir, 'empty.csv'), '');
    await expect(
      callApi(core, 'suppression.import', { file: { kind: 'path', path: join(dir, 'empty.csv') } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/empty/) });
    await expect(
      callApi(core, 'suppression.import', { file: { kind: 'path', path: join(dir, 'gone.csv') } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(listed(core)).toEqual([]);
  });

  it('exports UTF-8 with a BOM, CRLF and formula cells escaped, and the export imports back to the same list', async () => {
    const a = open();
    const file = join(a.dir, 'in.csv');
    writeFileSync(
      file,
      'Phone,Reason\n+447911123456,"=cmd|\' /C calc\'!A0"\n+4915123456789,"Kündigung, per Telefon"\n+5511987654321,@SUM(A1)\n',
    );
    await callApi(a.core, 'suppression.import', { file: { kind: 'path', path: file } });
    await callApi(a.core, 'suppression.add', { phone: '+16505551234', reason: '-1 bad mood' });
    const bytes = await exportTo(a.core, join(a.dir, 'out.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(EXPORT_HEADER.join(','));
    expect(lines.at(-1)).toBe('');
    expect(text).not.toMatch(/[^\r]\n/);
    // E.164 as it is: a number to a spreadsheet, nothing to escape (issue 15 item 11).
    expect(text).toContain(`\r\n+447911123456,`);
    expect(text).not.toContain(`'+44`);
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(text).toContain(`'@SUM(A1)`);
    expect(text).toContain(`'-1 bad mood`);
    expect(text).toContain('"Kündigung, per Telefon"');
    expect(lines).toHaveLength(6);

    const b = open();
    const copy = join(b.dir, 'Opt-outs.csv');
    writeFileSync(copy, bytes);
    const back = await callApi(b.core, 'suppression.import', {
      file: { kind: 'path', path: copy },
    });
    expect(back).toMatchObject({ phoneColumn: 'Phone', added: 4, rejected: 0 });
    expect(listed(b.core).map((r) => [r.phone, r.reason])).toEqual(
      listed(a.core).map((r) => [r.phone, r.reason]),
    );
  });

  it('pages newest first by keyset, searches numbers and words, and refuses a made-up cursor', async () => {
    const { core } = open();
    const db = core.store.sqlite;
    const insert = db.prepare(
      "INSERT INTO suppression (phone, reason, source, created_at, words) VALUES (?, ?, 'reply', ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 1234; i++)
        insert.run(
          `+4479111${String(i).padStart(5, '0')}`,
          `Replied "Stop"`,
          1_000 + Math.floor(i / 10),
          i % 100 === 0 ? 'Stop bitte' : 'Stop',
        );
    })();
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await callApi(core, 'suppression.list', {
        limit: 100,
        ...(after ? { after } : {}),
      });
      expect(page.total).toBe(1234);
      seen.push(...page.rows.map((r) => r.phone));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect(seen[0]).toBe('+447911101233');
    expect((await callApi(core, 'suppression.list', { search: '+44 79111 0123' })).total).toBe(4);
    expect((await callApi(core, 'suppression.list', { search: 'bitte' })).total).toBe(13);
    expect((await callApi(core, 'suppression.list', { search: '100%_' })).total).toBe(0);
    await expect(callApi(core, 'suppression.list', { after: 'DROP TABLE' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('adds and removes one number by hand, with clear refusals', async () => {
    const { core } = open();
    const { entry, added } = await callApi(core, 'suppression.add', {
      phone: '(650) 555-1234',
      defaultCountry: 'US',
      reason: 'Called to say no',
    });
    expect(added).toBe(true);
    expect(entry).toMatchObject({
      phone: '+16505551234',
      source: 'manual',
      reason: 'Called to say no',
    });
    expect((await callApi(core, 'suppression.add', { phone: '+1 650 555 1234' })).added).toBe(
      false,
    );
    await expect(callApi(core, 'suppression.add', { phone: '4.47911E+11' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/country code/),
    });
    await expect(callApi(core, 'suppression.add', { phone: '' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      callApi(core, 'suppression.remove', { phone: '+447911123456' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await callApi(core, 'suppression.remove', { phone: '+1 (650) 555-1234' })).toEqual({
      removed: true,
    });
    expect((await callApi(core, 'suppression.list', {})).total).toBe(0);
    expect((await callApi(core, 'suppression.removals', {})).rows).toEqual([
      expect.objectContaining({
        phone: '+16505551234',
        reason: 'Called to say no',
        source: 'manual',
        note: null,
      }),
    ]);
  });
});
