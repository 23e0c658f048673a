import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, harness, value, type Harness } from './helpers';

describe('import: encodings and real-world exports', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('reads a Google Contacts export (UTF-8 with BOM): the BOM never reaches the first header', async () => {
    h = await harness();
    const r = value(await h.importFile(fixture('google-contacts.csv')));
    expect(r).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      phoneColumn: 'Phone 1 - Value',
      imported: 3,
      invalid: 0,
    });
    expect(r.columns[0]).toBe('Name');
    expect(h.recipients().map((x) => x.phone)).toEqual([
      '+34612345678',
      '+34612345679',
      '+442079460958',
    ]);
    expect(JSON.parse(h.recipients()[2]!.fields_json)).toMatchObject({
      Name: 'Chen, Li',
      'Given Name': 'Li',
    });
    expect(r.nonMobile).toBe(1);
  });

  it('reads a Shopify export: quoted newlines, doubled quotes, apostrophe-prefixed numbers', async () => {
    h = await harness();
    const r = value(await h.importFile(fixture('shopify-customers.csv'), { defaultCountry: 'US' }));
    expect(r.phoneColumn).toBe('Phone');
    expect(r.imported).toBe(2);
    const first = JSON.parse(h.recipients()[0]!.fields_json) as Record<string, string>;
    expect(first['Note']).toBe('likes "green" tea\nsecond line');
    expect(first['First Name']).toBe('Zoë');
    expect(h.recipients().map((x) => x.phone)).toEqual(['+4915123456789', '+12025550143']);
  });

  it('reads European Excel "CSV" (Windows-1252, semicolons)', async () => {
    h = await harness();
    const r = value(await h.importFile(fixture('excel-euro-cp1252.csv'), { defaultCountry: 'FR' }));
    expect(r).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      phoneColumn: 'Téléphone',
      imported: 2,
    });
    const fields = h.recipients().map((x) => JSON.parse(x.fields_json) as Record<string, string>);
    expect(fields[0]).toMatchObject({ Nom: 'Renée', Ville: 'Besançon', Montant: '12,50 €' });
    expect(fields[1]).toMatchObject({ Ville: 'München', Montant: '„Test“' });
  });

  it('reads Excel "Unicode Text" (UTF-16 LE with BOM, tabs) with Greek, Arabic and emoji intact', async () => {
    h = await harness();
    const r = value(await h.importFile(fixture('excel-unicode-text.txt')));
    expect(r).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      phoneColumn: 'Mobile',
      imported: 3,
    });
    const names = h
      .recipients()
      .map((x) => (JSON.parse(x.fields_json) as Record<string, string>)['Name']);
    expect(names).toEqual(['Αλέξης', 'محمد', '😀 Emoji']);
  });

  it('reads UTF-16 BE with BOM', async () => {
    h = await harness();
    expect(value(await h.importFile(fixture('utf16be.csv')))).toMatchObject({
      encoding: 'utf-16be',
      imported: 1,
    });
  });

  it('keeps characters that straddle a read boundary (every 64 KB) intact', async () => {
    h = await harness();
    const path = join(h.dir, 'big-utf8.csv');
    const lines = ['name,phone'];
    let n = 0;
    let size = 0;
    while (size < 2.5 * 1024 * 1024) {
      const line = `Zoë 😀 Ñandú ${n},+4479${String(11000000 + n).padStart(8, '0')}`;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
      n++;
    }
    writeFileSync(path, lines.join('\n') + '\n');
    const r = value(await h.importFile(path));
    expect(r.imported).toBe(n);
    const bad = h.core.store.sqlite
      .prepare(
        "SELECT count(*) AS n FROM recipients WHERE fields_json LIKE '%' || char(65533) || '%'",
      )
      .get() as { n: number };
    expect(bad.n).toBe(0);
  });

  it('restarts as Windows-1252 when a byte beyond the first 64 KB is not UTF-8, and lands once', async () => {
    h = await harness();
    const path = join(h.dir, 'late-latin1.csv');
    const head = ['name,phone'];
    for (let i = 0; i < 3000; i++)
      head.push(`Plain ${i},+4479${String(11000000 + i).padStart(8, '0')}`);
    const body = Buffer.concat([
      Buffer.from(head.join('\n') + '\n', 'utf8'),
      Buffer.from('Renée,+447922000001\n', 'latin1'),
    ]);
    expect(body.length).toBeGreaterThan(64 * 1024);
    writeFileSync(path, body);
    const r = value(await h.importFile(path));
    expect(r).toMatchObject({ encoding: 'windows-1252', imported: 3001 });
    const last = h.recipients().at(-1)!;
    expect(JSON.parse(last.fields_json)).toMatchObject({ name: 'Renée' });
    expect(h.core.store.sqlite.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({
      n: 1,
    });
  });

  it('lets the user override the detected encoding and delimiter', async () => {
    h = await harness();
    const preview = value(
      await h.previewFile(fixture('excel-euro-cp1252.csv'), { encoding: 'utf-8', delimiter: ',' }),
    ) as { encoding: string; delimiter: string; columns: string[] };
    expect(preview.encoding).toBe('utf-8');
    expect(preview.delimiter).toBe(',');
    expect(preview.columns).toHaveLength(1);
  });
});
