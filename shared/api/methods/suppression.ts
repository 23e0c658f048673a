import type { AudiencePreview } from '../audience';
import {
  suppressionAddInput,
  suppressionImportInput,
  suppressionListInput,
  suppressionRemoveInput,
  type SuppressionEntry,
  type SuppressionImportResult,
  type SuppressionPage,
  type SuppressionRemoval,
} from '../suppression';
import { method } from './define';

export const suppressionMethods = {
  /** Newest first, keyset-paged, searchable. */
  'suppression.list': method<typeof suppressionListInput, SuppressionPage<SuppressionEntry>>(
    suppressionListInput,
  ),
  /** The numbers taken off the list by hand, newest first, with what the list said about them. */
  'suppression.removals': method<typeof suppressionListInput, SuppressionPage<SuppressionRemoval>>(
    suppressionListInput,
  ),
  /** Adds one number by hand ('manual'); a number already listed keeps its first reason. */
  'suppression.add': method<
    typeof suppressionAddInput,
    { entry: SuppressionEntry; added: boolean }
  >(suppressionAddInput),
  /** Takes a number off the list; what the list said about it is kept in the removal log. */
  'suppression.remove': method<typeof suppressionRemoveInput, { removed: boolean }>(
    suppressionRemoveInput,
  ),
  /** The first rows of a file, as the import would read them (same detection as the audience import). */
  'suppression.preview': method<typeof suppressionImportInput, AudiencePreview>(
    suppressionImportInput,
  ),
  /** Adds every valid number of a CSV/xlsx file in one transaction, in a worker; all or nothing. */
  'suppression.import': method<typeof suppressionImportInput, SuppressionImportResult>(
    suppressionImportInput,
  ),
};
