/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet treats a cell that begins with one of
 * these as a formula, so a customer named `=HYPERLINK(...)` could run something on the business
 * owner's computer. OWASP's advice is a leading single quote, which Excel and LibreOffice read as
 * "this is text". Applied to every text cell we write, the header included.
 */
const TRIGGERS = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return TRIGGERS.test(text) ? `'${text}` : text;
}
