import { percentEncodeUrlSuffix } from './url-suffix';

/**
 * One-click fixes of a column's values (issue 15 item 8), kept in the mapping with the column so
 * they apply to every recipient, show in the preview and are undone by removing them. Only where
 * the intent is unambiguous:
 * - `spaces`: line breaks and tabs become spaces, and runs of more than four spaces shrink to one
 *   (WhatsApp refuses both in a variable: cloud-api.md §1.3, PARAMETER_HAS_NEWLINE / _TOO_MANY_SPACES);
 * - `encode`: a link button's value is percent-encoded ("A 12" → "A%2012"), as Meta requires for
 *   the part it appends to the button's URL (url-suffix.ts).
 * An empty cell's fix is the column's fallback text, which the mapping already carries.
 */
export type CellFix = 'spaces' | 'encode';

export const CELL_FIXES: readonly CellFix[] = ['spaces', 'encode'];

/** What the fix does, in the form's words (the button, and the note under the fixed slot). */
export const CELL_FIX_TEXT: Record<CellFix, { action: string; done: string }> = {
  spaces: {
    action: 'Replace line breaks and tabs with spaces',
    done: 'Line breaks and tabs are replaced with spaces',
  },
  encode: {
    action: 'Encode the link values',
    done: 'Link values are encoded (a space becomes %20)',
  },
};

export function applyCellFix(value: string, fix: CellFix | undefined): string {
  switch (fix) {
    case undefined:
      return value;
    case 'spaces':
      return value
        .replace(/[ \t]*[\r\n\t]+[ \t]*/g, ' ')
        .replace(/ {5,}/g, ' ')
        .trim();
    case 'encode':
      // Line breaks in a link are never meant: they go before encoding, like stray spaces.
      return percentEncodeUrlSuffix(value.replace(/[\r\n\t]+/g, ' ').trim());
  }
}
