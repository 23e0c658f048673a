import { afterEach, describe, expect, it } from 'vitest';
import { callApi, openBook } from './helpers';

describe('customer book: a Shopify customers export maps itself', () => {
  const open: ReturnType<typeof openBook>[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  it('chooses the Phone column, names the source, and counts customers who do not accept marketing', async () => {
    const b = openBook();
    open.push(b);
    // Row 1: Phone given. Row 2: Phone empty, address phone only: read from Default Address Phone.
    // Row 3: declines SMS marketing though it accepts email: SMS wins. Row 4: consent unknown.
    // Row 5: the same number again, declining: merged, not counted twice.
    const csv = [
      'First Name,Last Name,Email,Accepts Email Marketing,Default Address Phone,Phone,Accepts SMS Marketing,Tags',
      'Ann,Lee,ann@example.com,yes,+447911000001,+447911123451,yes,vip',
      'Bob,Ray,bob@example.com,no,+447911000002,,no,',
      'Cy,Day,cy@example.com,yes,,+447911123453,no,',
      'Dee,Fox,dee@example.com,,,+447911123454,,',
      'Cy,Day,cy@example.com,yes,,+447911123453,no,',
    ].join('\n');
    const path = b.file('customers_export.csv', `${csv}\n`);

    const preview = await callApi(b.core, 'customers.preview', { file: { kind: 'path', path } });
    expect(preview).toMatchObject({
      phoneColumn: 'Phone',
      preset: { id: 'shopify', label: 'Shopify customers export' },
    });

    const r = await callApi(b.core, 'customers.import', { file: { kind: 'path', path } });
    expect(r).toMatchObject({
      phoneColumn: 'Phone',
      preset: { id: 'shopify' },
      rows: 5,
      new: 4,
      missingPhone: 0,
      duplicates: 1,
      declinedMarketing: 2,
      phoneFallbacks: [{ column: 'Default Address Phone', rows: 1 }],
    });
    const phones = b.book().map((c) => c.phone);
    expect(phones.sort()).toEqual([
      '+447911000002',
      '+447911123451',
      '+447911123453',
      '+447911123454',
    ]);
    const cy = b.book().find((c) => c.phone === '+447911123453')!;
    expect(JSON.parse(cy.attributes_json)).toMatchObject({ 'Accepts SMS Marketing': 'no' });
  });

  it('falls back to Default Address Phone when the Phone column is empty, and says nothing of presets for a plain file', async () => {
    const b = openBook();
    open.push(b);
    const shop = b.file(
      'older.csv',
      'First Name,Last Name,Email,Accepts Marketing,Default Address Phone,Phone\nAnn,Lee,a@x.io,no,+447911123451,\nBob,Ray,b@x.io,yes,+447911123452,\n',
    );
    const r = await callApi(b.core, 'customers.import', { file: { kind: 'path', path: shop } });
    expect(r).toMatchObject({
      phoneColumn: 'Default Address Phone',
      preset: { id: 'shopify' },
      new: 2,
      declinedMarketing: 1,
    });

    const plain = b.file('plain.csv', 'Name,Phone\nCy,+447911123453\n');
    const p = await callApi(b.core, 'customers.import', { file: { kind: 'path', path: plain } });
    expect(p.preset).toBeUndefined();
    expect(p.phoneFallbacks).toEqual([]);
    expect(p).toMatchObject({ phoneColumn: 'Phone', new: 1, declinedMarketing: 0 });
  });
});
