import { Alert, Button, Text } from '@mantine/core';
import type { BookImportResult } from '../../../../shared/api';
import { fmt, noun } from '../../lib/format';
import { regionName } from '../audience/countries';
import { useStore } from '../../store';

/**
 * After "Import customers" read most numbers as the wrong country's (a French file on a US
 * business): the country they look like, and the same file imported again as that country's
 * numbers. Nothing was written for the rows it refused, so importing again loses nothing.
 */
export function BookCountrySuggestion({ result }: { result: BookImportResult }) {
  const busy = useStore((s) => s.bookImport.busy);
  const business = useStore((s) => s.businessCountry?.country ?? null);
  const suggestion = result.countrySuggestion;
  if (!suggestion) return null;
  const name = regionName(suggestion.country);
  return (
    <Alert
      color="blue"
      title={`These look like numbers from ${name}: import them as ${name} (+${suggestion.callingCode}) numbers?`}
      data-testid="book-country-suggestion"
    >
      <Text size="sm" mb="xs">
        {suggestion.matches} of the first{' '}
        {fmt().countOf(
          suggestion.total,
          noun('number written without +code', 'numbers written without +code'),
        )}{' '}
        are not valid{business ? ` for ${regionName(business)}` : ' without a country'} but are
        valid for {name}. Your business’s country stays as it is; change it in Settings if most of
        your customers are in {name}.
      </Text>
      <Button
        size="xs"
        loading={busy}
        onClick={() => void useStore.getState().reimportCustomers(suggestion.country)}
      >
        Import again as {name} (+{suggestion.callingCode}) numbers
      </Button>
    </Alert>
  );
}
