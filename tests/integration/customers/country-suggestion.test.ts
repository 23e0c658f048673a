import { afterEach, describe, expect, it } from 'vitest';
import { callApi, openBook } from './helpers';

describe('customer book: a file of another country’s numbers', () => {
  const open: ReturnType<typeof openBook>[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  // A French shop's export (semicolons, national numbers) on a business set to the United States.
  const french = [
    'Prénom;Téléphone;Ville',
    'Élodie;06 40 85 79 26;Lyon',
    'François;06 57 87 70 90;Lyon',
    'Zoé;06 84 18 87 11;Lyon',
    'Loïc;+44 7911 123456;Londres',
    'Anaïs;;Lyon',
  ].join('\r\n');

  it('suggests the country the numbers belong to, and importing again as it loses nothing', async () => {
    const b = openBook();
    open.push(b);
    await callApi(b.core, 'settings.setBusinessCountry', { country: 'US' });
    const path = b.file('clients.csv', `${french}\r\n`);

    const first = await callApi(b.core, 'customers.import', { file: { kind: 'path', path } });
    expect(first).toMatchObject({ new: 1, invalid: 3, missingPhone: 1 });
    // Three of the four cells without +code… the +44 one is not counted: it carries its code.
    expect(first.countrySuggestion).toMatchObject({ country: 'FR', callingCode: '33', matches: 3 });
    expect(first.countrySuggestion?.total).toBe(3);

    const again = await callApi(b.core, 'customers.import', {
      file: { kind: 'path', path },
      options: { defaultCountry: 'FR' },
    });
    expect(again).toMatchObject({ new: 3, unchanged: 1, invalid: 0, missingPhone: 1 });
    expect(again.countrySuggestion).toBeUndefined();
    expect(b.book().map((c) => c.phone)).toEqual([
      '+33640857926',
      '+33657877090',
      '+33684188711',
      '+447911123456',
    ]);
  });

  it('suggests nothing when the numbers are the chosen country’s', async () => {
    const b = openBook();
    open.push(b);
    await callApi(b.core, 'settings.setBusinessCountry', { country: 'FR' });
    const path = b.file('clients.csv', `${french}\r\n`);
    const r = await callApi(b.core, 'customers.import', { file: { kind: 'path', path } });
    expect(r).toMatchObject({ new: 4, invalid: 0 });
    expect(r.countrySuggestion).toBeUndefined();
  });
});
