import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../electron/core/contacts/csv-source';

// Found with the suppression import, whose files are often just "phone;reason": Papa's guess counted
// the empty line after the final newline as a one-field row and fell back to ",".
describe('delimiter sniffing of narrow files', () => {
  it.each([
    ['a;b\r\n1;2\r\n3;4\r\n', ';'],
    ['Téléphone;Nom\r\n06 12 34 56 78;Hélène\r\n07 98 76 54 32;Zoé\r\n', ';'],
    ['phone\tname\n+447911123456\tAnn\n', '\t'],
    ['phone|name\n+447911123456|Ann\n\n\n', '|'],
    ['phone,name\n+447911123456,Ann\n', ','],
  ])('%j → %j', (text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });
});
