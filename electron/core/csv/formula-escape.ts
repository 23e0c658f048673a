/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with one of
 * these, so a customer named `=HYPERLINK(...)` could run something on the business owner's
 * computer. OWASP's advice is a leading single quote, which Excel and LibreOffice read as "this is
 * text". One rule for every cell of every CSV we write, headers included (csv/write.ts).
 *
 * A sign followed by digits only ("+2348031234567", "-5") is a number to a spreadsheet, not a
 * formula: nothing can run, so it is left as is and a phone in E.164 shows without a stray
 * apostrophe (issue 15 item 11). "+44 20…", "-5+3" or "+1-555-0100" are escaped: a spreadsheet
 * would compute them.
 */
const TRIGGERS = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;

export function escapeFormula(text: string): string {
  return TRIGGERS.test(text) && !SIGNED_NUMBER.test(text) ? `'${text}` : text;
}
