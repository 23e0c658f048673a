import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';
import { BookCountrySuggestion } from './BookCountrySuggestion';

const n = (count: number, one: string, many: string) =>
  `${fmt().count(count)} ${count === 1 ? one : many}`;

/** "Import customers": how many were new, updated, unchanged, and what was left out and why. */
export function BookImportSummary() {
  const { result, error } = useStore((s) => s.bookImport);
  const close = () => useStore.getState().clearBookImport();
  if (error)
    return (
      <Alert color="red" title="That file could not be imported" withCloseButton onClose={close}>
        {error.message}
      </Alert>
    );
  if (!result) return null;
  const left = [
    result.invalid > 0 &&
      n(
        result.invalid,
        'row with a number that is not valid',
        'rows with numbers that are not valid',
      ),
    result.missingPhone > 0 &&
      n(result.missingPhone, 'row without a number', 'rows without a number'),
    result.duplicates > 0 &&
      n(result.duplicates, 'repeated number (merged)', 'repeated numbers (merged)'),
  ].filter(Boolean);
  return (
    <>
      <Alert
        // Nothing taken from the file is not a success: the reasons below say why.
        color={result.new + result.updated + result.unchanged === 0 ? 'yellow' : 'teal'}
        data-testid="book-import-summary"
      >
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={600}>
              {result.fileName || 'The file'}: {n(result.new, 'new customer', 'new customers')},{' '}
              {fmt().count(result.updated)} updated, {fmt().count(result.unchanged)} unchanged.
            </Text>
            <Text size="sm">
              {result.preset && `Looks like a ${result.preset.label}. `}
              Phone numbers read from the column “{result.phoneColumn}”.
              {result.phoneFallbacks.map(
                (f) =>
                  ` ${n(f.rows, 'row', 'rows')} without a usable number there used “${f.column}”.`,
              )}
              {result.optedOut > 0 &&
                ` ${n(result.optedOut, 'number is', 'numbers are')} on the opt-out list: kept in the book, never messaged.`}
            </Text>
            {result.declinedMarketing > 0 && (
              <Text size="sm" data-testid="book-import-declined">
                {n(
                  result.declinedMarketing,
                  'customer does not accept marketing',
                  'customers do not accept marketing',
                )}{' '}
                in this file: imported with their “no” on record. Marketing campaigns leave them
                out; utility messages (orders, bookings) still reach them.
              </Text>
            )}
            {left.length > 0 && <Text size="sm">Also: {left.join(', ')}.</Text>}
          </div>
          <CloseButton aria-label="Close the import summary" onClick={close} />
        </Group>
      </Alert>
      <BookCountrySuggestion result={result} />
    </>
  );
}
