import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  declinesMarketing,
  presetPhoneColumn,
  recogniseExport,
} from '../../../electron/core/contacts/presets';
import { uniqueColumns } from '../../../electron/core/contacts/headers';

// Header rows as the exports write them (see electron/core/contacts/presets.ts for sources).
const SHOPIFY = [
  'First Name',
  'Last Name',
  'Email',
  'Accepts Email Marketing',
  'Default Address Company',
  'Default Address Address1',
  'Default Address City',
  'Default Address Country Code',
  'Default Address Phone',
  'Phone',
  'Accepts SMS Marketing',
  'Total Spent',
  'Total Orders',
  'Note',
  'Tax Exempt',
  'Tags',
];
const SHOPIFY_OLD = [
  'First Name',
  'Last Name',
  'Email',
  'Company',
  'Phone',
  'Accepts Marketing',
  'Tags',
];
const WOO = [
  'Customer ID',
  'Billing First Name',
  'Billing Last Name',
  'Billing Email',
  'Billing Phone',
  'Shipping Phone',
];
const WOO_KEYS = ['customer_id', 'billing_first_name', 'billing_email', 'billing_phone'];
const GOOGLE_OLD = [
  'Name',
  'Given Name',
  'Family Name',
  'E-mail 1 - Type',
  'E-mail 1 - Value',
  'Phone 1 - Type',
  'Phone 1 - Value',
  'Phone 2 - Type',
  'Phone 2 - Value',
];
const GOOGLE_NEW = [
  'First Name',
  'Middle Name',
  'Last Name',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
];

// Square's customers export (sources in presets.ts): US dashboards write "Last Name", GB/AU "Surname".
const SQUARE = [
  'Reference ID',
  'First Name',
  'Last Name',
  'Email Address',
  'Phone Number',
  'Nickname',
  'Company Name',
  'Street Address 1',
  'City',
  'Postal Code',
  'Birthday',
  'Memo',
  'Square Customer ID',
  'Creation Source',
  'First Visit',
  'Last Visit',
  'Transaction Count',
  'Total Spend',
  'Email Subscription Status',
  'Instant Profile',
];
const SQUARE_GB = ['First Name', 'Surname', 'Email Address', 'Phone Number', 'Email Unsubscribed'];
// Outlook's contacts CSV, in the order Outlook.com writes it (abridged after the phones).
const OUTLOOK = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Title',
  'Suffix',
  'Nickname',
  'Given Yomi',
  'Surname Yomi',
  'E-mail Address',
  'E-mail 2 Address',
  'E-mail 3 Address',
  'Home Phone',
  'Home Phone 2',
  'Business Phone',
  'Business Phone 2',
  'Mobile Phone',
  'Car Phone',
  'Other Phone',
  'Primary Phone',
  'Pager',
  'Business Fax',
  'Job Title',
  'Company',
  'Notes',
];

describe('well-known exports recognised by their headers', () => {
  it('recognises a Square customers export by a column only Square writes', () => {
    expect(recogniseExport(SQUARE)).toEqual({
      preset: { id: 'square', label: 'Square customers export' },
      phoneColumns: ['Phone Number'],
      // Email consent is not WhatsApp consent: nothing is read as a marketing answer.
      marketingColumn: null,
    });
    expect(recogniseExport(SQUARE_GB)?.preset.id).toBe('square');
    // The same profile fields without a Square-only column are any other file.
    expect(
      recogniseExport(['First Name', 'Last Name', 'Email Address', 'Phone Number']),
    ).toBeUndefined();
  });

  it('recognises an Outlook contacts export and reads the mobile first', () => {
    expect(recogniseExport(OUTLOOK)).toEqual({
      preset: { id: 'outlook', label: 'Outlook contacts export' },
      phoneColumns: [
        'Mobile Phone',
        'Primary Phone',
        'Home Phone',
        'Other Phone',
        'Business Phone',
        'Home Phone 2',
        'Business Phone 2',
      ],
      marketingColumn: null,
    });
    // Opened in Excel and saved again, a trimmed address list keeps its Outlook headers.
    expect(
      recogniseExport(['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone'])?.preset.id,
    ).toBe('outlook');
  });

  it('takes the next Outlook number when the mobile is empty in the sample', () => {
    const r = recogniseExport(OUTLOOK)!;
    const cells = OUTLOOK.map(() => '');
    cells[OUTLOOK.indexOf('Home Phone')] = '+447911123452';
    expect(presetPhoneColumn(r, OUTLOOK, [cells], null)).toBe('Home Phone');
  });

  it('recognises a Shopify customers export and prefers its SMS consent column', () => {
    const r = recogniseExport(SHOPIFY);
    expect(r?.preset).toEqual({ id: 'shopify', label: 'Shopify customers export' });
    expect(r?.phoneColumns).toEqual(['Phone', 'Default Address Phone']);
    expect(r?.marketingColumn).toBe('Accepts SMS Marketing');
  });

  it('recognises an older Shopify export by "Accepts Marketing"', () => {
    const r = recogniseExport(SHOPIFY_OLD);
    expect(r?.preset.id).toBe('shopify');
    expect(r?.marketingColumn).toBe('Accepts Marketing');
  });

  it('falls back to the email consent column when there is no SMS one', () => {
    const r = recogniseExport(SHOPIFY.filter((h) => h !== 'Accepts SMS Marketing'));
    expect(r?.marketingColumn).toBe('Accepts Email Marketing');
  });

  it('recognises WooCommerce by display names and by meta keys', () => {
    expect(recogniseExport(WOO)).toMatchObject({
      preset: { id: 'woocommerce' },
      phoneColumns: ['Billing Phone', 'Shipping Phone'],
      marketingColumn: null,
    });
    expect(recogniseExport(WOO_KEYS)).toMatchObject({
      preset: { id: 'woocommerce' },
      phoneColumns: ['billing_phone'],
    });
  });

  it('recognises both Google Contacts header sets', () => {
    expect(recogniseExport(GOOGLE_OLD)).toMatchObject({
      preset: { id: 'google-contacts', label: 'Google Contacts export' },
      phoneColumns: ['Phone 1 - Value', 'Phone 2 - Value'],
    });
    expect(recogniseExport(GOOGLE_NEW)?.preset.id).toBe('google-contacts');
  });

  it('recognises the fixture exports used by the import tests (BOM and all)', () => {
    const headers = (name: string) =>
      uniqueColumns(
        readFileSync(join(__dirname, '../../fixtures/contacts', name), 'utf8')
          .split('\n')[0]!
          .split(','),
      ).names;
    expect(recogniseExport(headers('shopify-customers.csv'))?.preset.id).toBe('shopify');
    expect(recogniseExport(headers('google-contacts.csv'))?.preset.id).toBe('google-contacts');
  });

  it('does not recognise a plain file, even one with the same name and phone columns', () => {
    expect(recogniseExport(['Name', 'Phone', 'City'])).toBeUndefined();
    expect(recogniseExport(['First Name', 'Last Name', 'Email', 'Phone'])).toBeUndefined();
    expect(recogniseExport(['Phone 1 - Value'])).toBeUndefined();
    expect(recogniseExport([])).toBeUndefined();
  });

  it('picks Shopify "Phone", else "Default Address Phone" when Phone is empty in the sample', () => {
    const r = recogniseExport(SHOPIFY)!;
    const phone = SHOPIFY.indexOf('Phone');
    const address = SHOPIFY.indexOf('Default Address Phone');
    const row = (p: string, a: string) => {
      const cells = SHOPIFY.map(() => '');
      cells[phone] = p;
      cells[address] = a;
      return cells;
    };
    expect(presetPhoneColumn(r, SHOPIFY, [row('+447911123451', '+447911123452')], null)).toBe(
      'Phone',
    );
    expect(presetPhoneColumn(r, SHOPIFY, [row('', '+447911123452')], null)).toBe(
      'Default Address Phone',
    );
    expect(presetPhoneColumn(r, SHOPIFY, [row('', '')], null)).toBe('Phone');
  });

  it('reads "no" as declined and an empty cell as unknown', () => {
    expect(declinesMarketing('no')).toBe(true);
    expect(declinesMarketing(' No ')).toBe(true);
    expect(declinesMarketing('yes')).toBe(false);
    expect(declinesMarketing('')).toBe(false);
    expect(declinesMarketing(undefined)).toBe(false);
  });
});
