import { readFileSync, statSync } from 'node:fs';
import { CoreError } from '../../../shared/api';
import { MAX_CARD_BYTES } from './meta-card-csv';

/**
 * A pricing CSV from Meta (rate card or volume tiers) as text: missing, oversized and binary files are
 * refused in words naming `what` ("a rate card", "the volume tiers").
 */
export function readPriceFile(
  path: string,
  shownName: string,
  what: string,
  asCsv: string,
): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CoreError('NOT_FOUND', `There is no file at ${shownName}.`);
  }
  if (size > MAX_CARD_BYTES)
    throw new CoreError(
      'VALIDATION',
      `This file is ${Math.round(size / 1024)} KB; ${what} is a few KB. Is it the right file?`,
    );
  const text = new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path));
  if (text.includes('\u0000'))
    throw new CoreError('VALIDATION', `This is not a text file: export ${asCsv} as CSV.`);
  return text;
}
