import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AudiencePreview } from '../../../shared/api';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';
import { harness, value, type Harness } from './helpers';

/**
 * Issue 18: the campaign audience import falls back to a second phone column when a row's phone
 * cell is empty or invalid, as the Customers import does (a Shopify file's Default Address Phone),
 * and the user can choose that column or none.
 */
const SHOPIFY = [
  'First Name,Last Name,Email,Accepts Email Marketing,Default Address Phone,Phone',
  'Ann,Lee,ann@example.com,yes,+447911000001,+447911123451',
  'Bob,Ray,bob@example.com,no,+447911000002,',
  'Cy,Day,cy@example.com,yes,+447911000003,not a number',
  'Dee,Fox,dee@example.com,yes,,',
].join('\n');

const PLAIN = ['name,mobile,landline', 'Ann,+447911123451,', 'Bob,,+447911000002'].join('\n');

describe('audience import: a second phone column when the first is empty or invalid', () => {
  let h: Harness;
  afterEach(() => h.close());

  function file(name: string, text: string): string {
    const path = join(h.dir, name);
    writeFileSync(path, `${text}\n`);
    return path;
  }

  it('uses a recognised export’s other phone column by itself, and counts the rows that did', async () => {
    h = await harness();
    const path = file('customers_export.csv', SHOPIFY);
    const preview = value(await h.previewFile(path)) as AudiencePreview;
    expect(preview).toMatchObject({
      phoneColumn: 'Phone',
      fallbackPhoneColumn: 'Default Address Phone',
    });
    // The preview shows the number the import will use.
    expect(preview.phones.map((p) => (p.ok ? p.e164 : null))).toEqual([
      '+447911123451',
      '+447911000002',
      '+447911000003',
      null,
    ]);
    const r = value(await h.importFile(path));
    expect(r).toMatchObject({
      rows: 4,
      imported: 3,
      missingPhone: 1,
      invalid: 0,
      phoneColumn: 'Phone',
      phoneFallback: { column: 'Default Address Phone', rows: 2 },
    });
    expect(h.recipients().map((x) => x.phone)).toEqual([
      '+447911123451',
      '+447911000002',
      '+447911000003',
    ]);
    // Nothing of the row is lost: the empty Phone cell stays among its fields.
    expect(JSON.parse(h.recipients()[1]!.fields_json)).toMatchObject({
      Phone: '',
      'Default Address Phone': '+447911000002',
    });
  });

  it('reads the column the user chose for any file, and none when they chose none', async () => {
    h = await harness();
    const path = file('plain.csv', PLAIN);
    const auto = value(await h.previewFile(path, { phoneColumn: 'mobile' })) as AudiencePreview;
    // A plain file has no known second column: nothing is guessed.
    expect(auto.fallbackPhoneColumn).toBeNull();
    const chosen = value(
      await h.importFile(path, { phoneColumn: 'mobile', fallbackPhoneColumn: 'landline' }),
    );
    expect(chosen).toMatchObject({
      imported: 2,
      missingPhone: 0,
      phoneFallback: { column: 'landline', rows: 1 },
    });
  });

  it('can be switched off, and refuses a column the file does not have', async () => {
    h = await harness();
    const path = file('customers_export.csv', SHOPIFY);
    const none = value(await h.importFile(path, { fallbackPhoneColumn: null }));
    expect(none).toMatchObject({ imported: 1, missingPhone: 2, invalid: 1 });
    expect(none.phoneFallback).toBeUndefined();

    const bad = await h.previewFile(path, { fallbackPhoneColumn: 'Mobile 2' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/no column named "Mobile 2"/);
  });
});

describe('campaigns import --fallback-phone-column', () => {
  it('reads the named column when the phone cell is empty, and says how many rows did', async () => {
    const dir = tempDir('cd-fallback-cli-');
    try {
      const out: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, env: {} };
      const base = ['--data-dir', dir.path];
      expect(await runCli([...base, 'campaigns', 'create', '--name', 'Shop', '--json'], io)).toBe(
        EXIT.OK,
      );
      const { id } = JSON.parse(out.join('')) as { id: number };
      const path = join(dir.path, 'plain.csv');
      writeFileSync(path, `${PLAIN}\n`);
      out.length = 0;
      const args = ['campaigns', 'import', String(id), path, '--phone-column', 'mobile'];
      expect(await runCli([...base, ...args, '--fallback-phone-column', 'landline'], io)).toBe(
        EXIT.OK,
      );
      expect(out.join('')).toMatch(
        /Imported 2 of 2 rows .*\n {2}1 row without a usable number there used "landline"\./,
      );
    } finally {
      dir.cleanup();
    }
  });
});
