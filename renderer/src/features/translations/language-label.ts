/** "es" → "Spanish (es)", "pt_BR" → "Brazilian Portuguese (pt_BR)"; the code alone if unknown. */
export function languageLabel(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code.replace('_', '-'));
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
