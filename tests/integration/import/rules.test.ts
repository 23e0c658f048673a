import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../../electron/core/contacts/decode';
import { openDownload } from '../../../electron/core/downloads';
import { fixture, harness, value, type Harness } from './helpers';

async function downloadBytes(
  h: Harness,
  importId: number,
): Promise<{ name: string; bytes: Buffer }> {
  const d = openDownload(h.core, 'import-rejects', importId);
  const chunks: Buffer[] = [];
  await d.write(
    new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(Buffer.from(c)), cb()) }),
  );
  return { name: d.fileName, bytes: Buffer.concat(chunks) };
}

async function downloadText(h: Harness, importId: number): Promise<{ name: string; text: string }> {
  const { name, bytes } = await downloadBytes(h, importId);
  return { name, text: bytes.toString('utf8') };
}

describe('import: the rules', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('reports every kind of problem row, with row numbers as the spreadsheet shows them', async () => {
    h = await harness();
    const r = value(
      await h.importFile(fixture('messy.csv'), { defaultCountry: 'GB', phoneColumn: 'phone' }),
    );
    expect(r.columns).toEqual(['name', 'phone', 'phone (2)', 'Column 4', 'notes']);
    expect(r.renamedColumns).toEqual([
      { from: 'phone', to: 'phone (2)' },
      { from: '', to: 'Column 4' },
    ]);
    expect(r).toMatchObject({
      rows: 10,
      imported: 5, // Ana, Gus (landline, kept), Hal, Ivy, Jo
      duplicates: 1, // Dan has Ana's number
      invalid: 3, // scientific notation, two numbers in one cell, "not a number"
      missingPhone: 1,
      suppressed: 0,
      nonMobile: 1,
      blankRows: 1,
      raggedRows: 2,
      raggedRowNumbers: [10, 11], // Hal has too few cells, Ivy too many
    });
    expect(r.rows).toBe(r.imported + r.duplicates + r.invalid + r.missingPhone + r.suppressed);
    expect(r.invalidRows.map((x) => [x.row, x.value])).toEqual([
      [4, '2.34803E+12'],
      [5, '+44 7911 123457 / +44 7911 123458'],
      [7, ''],
      [8, 'not a number'],
    ]);
    expect(r.invalidRows[0]!.reason).toMatch(/scientific notation/);
    // Extra cells beyond the header are kept, not dropped.
    const ivy = h.recipients().find((x) => x.phone === '+447911123460')!;
    expect(JSON.parse(ivy.fields_json)).toMatchObject({ notes: 'c', 'Extra 1': 'extra' });
  });

  it('deduplicates across a second file and skips suppressed numbers', async () => {
    h = await harness();
    h.core.store.sqlite
      .prepare(
        "INSERT INTO suppression (phone, reason, source, created_at) VALUES ('+447911123459', 'opt_out', 'test', 0)",
      )
      .run();
    value(await h.importFile(fixture('messy.csv'), { defaultCountry: 'GB', phoneColumn: 'phone' }));
    const second = join(h.dir, 'second.csv');
    writeFileSync(
      second,
      'phone,name\n+447911123456,Ana again\n+447911123499,New\n+447911123459,Opted out\n',
    );
    const r = value(await h.importFile(second, { defaultCountry: 'GB' }));
    expect(r).toMatchObject({ rows: 3, imported: 1, duplicates: 2 });
    const states = Object.fromEntries(
      h.recipients().map((x) => [x.phone, [x.state, x.skip_reason]]),
    );
    expect(states['+447911123459']).toEqual(['skipped', 'suppressed']);
    expect(states['+447911123499']).toEqual(['pending', null]);

    const third = join(h.dir, 'third.csv');
    h.core.store.sqlite
      .prepare(
        "INSERT INTO suppression (phone, reason, source, created_at) VALUES ('+447911123600', 'opt_out', 'test', 0)",
      )
      .run();
    writeFileSync(third, 'phone\n+447911123600\n');
    expect(value(await h.importFile(third))).toMatchObject({ suppressed: 1, imported: 0 });
  });

  it('writes the rows to fix as a CSV with the original columns, which imports again once fixed', async () => {
    h = await harness();
    const r = value(
      await h.importFile(fixture('messy.csv'), { defaultCountry: 'GB', phoneColumn: 'phone' }),
    );
    const { name, text } = await downloadText(h, r.importId);
    expect(name).toBe('messy - rows to fix.csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields).toEqual([...r.columns, 'Row in original file', 'Problem']);
    expect(parsed.data.map((row) => row['Row in original file'])).toEqual(['4', '5', '7', '8']);
    expect(parsed.data[0]!['phone']).toBe('2.34803E+12');

    // The user fixes the numbers and imports the same file again.
    const fixedRows = parsed.data.map((row, i) => ({ ...row, phone: `+44 7911 2000${i}0` }));
    const fixed = join(h.dir, 'fixed.csv');
    writeFileSync(fixed, Papa.unparse(fixedRows));
    expect(value(await h.importFile(fixed, { phoneColumn: 'phone' }))).toMatchObject({
      imported: 4,
      invalid: 0,
    });
  });

  it('escapes cells that a spreadsheet would run as formulas in the rows-to-fix CSV', async () => {
    h = await harness();
    const path = join(h.dir, 'formula.csv');
    writeFileSync(path, 'name,phone\n=cmd|calc,bad\n');
    const r = value(await h.importFile(path));
    const { text } = await downloadText(h, r.importId);
    expect(text).toContain("'=cmd|calc");
  });

  it('writes the rows to fix with the original separator and encoding, every header escaped', async () => {
    h = await harness();
    const path = join(h.dir, 'excel-fr.csv');
    // Excel in France: semicolons, Windows-1252, and a column someone named like a formula.
    // latin1 writes U+0080 as the byte 0x80, which is "€" in Windows-1252.
    const text1252 =
      'Nom;Téléphone;=HYPERLINK("x")\r\nRenée;pas de numéro;\u0080 5\r\nOk;+33612345678;1\r\n';
    writeFileSync(path, Buffer.from(text1252, 'latin1'));
    const r = value(await h.importFile(path, { phoneColumn: 'Téléphone' }));
    expect(r).toMatchObject({ encoding: 'windows-1252', delimiter: ';', invalid: 1 });
    const { bytes: out } = await downloadBytes(h, r.importId);
    // No UTF-8 BOM, and "é" is one byte (0xE9), "€" is 0x80: Windows-1252, like the original.
    expect(out.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = decodeWindows1252(out);
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(rows.meta.delimiter).toBe(';');
    expect(rows.data).toEqual([
      ['Nom', 'Téléphone', `'=HYPERLINK("x")`, 'Row in original file', 'Problem'],
      ['Renée', 'pas de numéro', '€ 5', '2', expect.any(String)],
    ]);
  });

  it('imports a file without a header row', async () => {
    h = await harness();
    const path = join(h.dir, 'noheader.csv');
    writeFileSync(path, 'Ana,+447911123456\nBob,+447911123457\n');
    const preview = value(await h.previewFile(path)) as { hasHeader: boolean; phoneColumn: string };
    expect(preview).toMatchObject({ hasHeader: false, phoneColumn: 'Column 2' });
    expect(
      value(await h.importFile(path, { hasHeader: false, phoneColumn: 'Column 2' })),
    ).toMatchObject({ imported: 2 });
  });

  it('clears the audience of a draft, and refuses to change the audience of a sent campaign', async () => {
    h = await harness();
    value(await h.importFile(fixture('google-contacts.csv')));
    expect(await h.core.handlers['audience.clear']({ campaignId: h.campaignId })).toEqual({
      removed: 3,
    });
    expect(h.recipients()).toHaveLength(0);
    h.core.store.sqlite
      .prepare("UPDATE campaigns SET state = 'completed' WHERE id = ?")
      .run(h.campaignId);
    const r = await h.importFile(fixture('google-contacts.csv'));
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
