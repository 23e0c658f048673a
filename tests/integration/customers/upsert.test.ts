import { afterEach, describe, expect, it } from 'vitest';
import { callApi, openBook } from './helpers';

const MARCH_2 = Date.UTC(2026, 2, 2, 9, 0);
const APRIL_1 = Date.UTC(2026, 3, 1, 9, 0);

describe('customer book: upsert rules and consent', () => {
  const open: ReturnType<typeof openBook>[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });
  const book = () => {
    const b = openBook();
    open.push(b);
    return b;
  };

  it('adds new customers, updates changed fields with their date, never erases with an empty cell, and counts new/updated/unchanged', async () => {
    const b = book();
    const first = b.file(
      'shop-customers.csv',
      'Phone,Name,City\n+44 7911 123451,Ann,Leeds\n+44 7911 123452,Bob,York\n+44 7911 123453,Cy,Hull\nnot a number,Dee,Bath\n',
    );
    const r1 = await callApi(b.core, 'customers.import', { file: { kind: 'path', path: first } });
    expect(r1).toMatchObject({ rows: 4, new: 3, updated: 0, unchanged: 0, invalid: 1 });
    expect(r1.invalidRows[0]).toMatchObject({ row: 5, value: 'not a number' });

    b.setNow(APRIL_1);
    // Ann moves city; Bob's city is blank (kept) and he gains a birthday (a new column); Cy is the same;
    // Eve is new; Ann again further down is a repeat, merged, not counted twice.
    const second = b.file(
      'april.csv',
      'Mobile,City,Name,Birthday\n07911 123451,Leeds North,Ann,\n07911123452,,Bob,1990-05-01\n+447911123453,Hull,Cy,\n07911 123454,Ely,Eve,\n+44 7911 123451,,,1980-01-01\n',
    );
    const r2 = await callApi(b.core, 'customers.import', {
      file: { kind: 'path', path: second },
      options: { defaultCountry: 'GB' },
    });
    expect(r2).toMatchObject({ rows: 5, new: 1, updated: 2, unchanged: 1, duplicates: 1 });

    const rows = new Map(b.book().map((r) => [r.phone, r]));
    const ann = rows.get('+447911123451')!;
    expect(JSON.parse(ann.attributes_json)).toEqual({
      Name: 'Ann',
      City: 'Leeds North',
      Birthday: '1980-01-01',
    });
    expect(JSON.parse(ann.attribute_dates_json)).toEqual({
      Name: MARCH_2,
      City: APRIL_1,
      Birthday: APRIL_1,
    });
    expect(ann).toMatchObject({
      first_seen_at: MARCH_2,
      last_seen_at: APRIL_1,
      country: expect.any(String),
      // The first evidence of consent stays.
      consent_source: 'import',
      consent_at: MARCH_2,
      consent_evidence: 'imported from shop-customers.csv on 2026-03-02',
    });
    const bob = rows.get('+447911123452')!;
    expect(JSON.parse(bob.attributes_json)).toEqual({
      Name: 'Bob',
      City: 'York',
      Birthday: '1990-05-01',
    });
    const cy = rows.get('+447911123453')!;
    expect(cy).toMatchObject({ last_seen_at: APRIL_1 });
    expect(JSON.parse(cy.attribute_dates_json)).toEqual({ Name: MARCH_2, City: MARCH_2 });
    expect(rows.get('+447911123454')).toMatchObject({
      consent_evidence: 'imported from april.csv on 2026-04-01',
    });
    expect(rows.size).toBe(4);
  });

  it('fills the book from every audience import once it is published, and says what it did in the summary', async () => {
    const b = book();
    await callApi(b.core, 'customers.save', {
      phone: '+447911123451',
      attributes: { Name: 'Ann', Tier: 'Gold' },
    });
    const campaign = await callApi(b.core, 'campaigns.create', { name: 'March sale' });
    const path = b.file('march.csv', 'phone,name\n+447911123451,Annie\n+447911123459,Zed\n');
    const r = await callApi(b.core, 'audience.import', {
      campaignId: campaign.id,
      file: { kind: 'path', path },
    });
    expect(r.book).toEqual({ new: 1, updated: 1, unchanged: 0 });
    expect(
      (await callApi(b.core, 'audience.imports', { campaignId: campaign.id }))[0]?.book,
    ).toEqual({ new: 1, updated: 1, unchanged: 0 });
    const ann = await callApi(b.core, 'customers.show', { phone: '+447911123451' });
    // The audience file's header is "name", a column of its own next to the hand-made "Name".
    expect(ann.attributes).toEqual({ Name: 'Ann', Tier: 'Gold', name: 'Annie' });
    expect(ann.consent).toMatchObject({ source: 'manual' });
    expect(ann.timeline).toEqual([
      expect.objectContaining({
        campaignId: campaign.id,
        campaignName: 'March sale',
        state: 'pending',
      }),
    ]);
    const zed = await callApi(b.core, 'customers.show', { phone: '+447911123459' });
    expect(zed.consent?.evidence).toBe('imported from march.csv on 2026-03-02');
  });

  it('edits, deletes and lists customers by hand, with search over numbers and values', async () => {
    const b = book();
    const made = await callApi(b.core, 'customers.save', {
      phone: '+44 7911 123455',
      attributes: { Name: 'Fay', Note: 'VIP' },
    });
    expect(made.created).toBe(true);
    expect(made.customer.consent?.evidence).toBe('added by hand on 2026-03-02');
    const edited = await callApi(b.core, 'customers.save', {
      phone: '+447911123455',
      attributes: { Note: '' },
    });
    expect(edited).toMatchObject({ created: false, customer: { attributes: { Name: 'Fay' } } });
    await callApi(b.core, 'customers.save', { phone: '+16505551234', attributes: { Name: 'Gus' } });
    // Search ignores case, as a shop owner types it.
    expect((await callApi(b.core, 'customers.list', { search: 'fay' })).total).toBe(1);
    expect((await callApi(b.core, 'customers.list', { search: 'Zoe' })).items).toEqual([]);
    expect((await callApi(b.core, 'customers.list', { search: '650555' })).items[0]?.phone).toBe(
      '+16505551234',
    );
    // LIKE's wildcards are plain characters in a search.
    expect((await callApi(b.core, 'customers.list', { search: '%' })).total).toBe(0);
    const page = await callApi(b.core, 'customers.list', { limit: 1 });
    expect(page).toMatchObject({ total: 2, nextAfterId: page.items[0]!.id });
    expect(await callApi(b.core, 'customers.delete', { phone: '+447911123455' })).toEqual({
      deleted: true,
    });
    await expect(callApi(b.core, 'customers.show', { phone: '+447911123455' })).rejects.toThrow(
      /not in the customer book/,
    );
  });

  it('refuses a file without a phone column or rows, and a bad number by hand, in words', async () => {
    const b = book();
    const words = b.file('words.csv', 'Name,City\nAnn,Leeds\n');
    await expect(
      callApi(b.core, 'customers.import', { file: { kind: 'path', path: words } }),
    ).rejects.toThrow(/No column looks like phone numbers/);
    await expect(
      callApi(b.core, 'customers.save', { phone: 'call me', attributes: {} }),
    ).rejects.toThrow();
    expect(b.book()).toEqual([]);
  });
});
