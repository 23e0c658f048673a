import { Alert, Button, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AudiencePreview } from '../../../../shared/api';
import { normalizePhone } from '../../../../shared/domain/phone';
import {
  suggestCountry,
  type CountrySuggestion as Suggestion,
} from '../../../../shared/domain/phone-country';
import { localeRegions, regionName } from './countries';
import { fmt, noun } from '../../lib/format';

/** The suggestion for this preview, computed once for the alert and the rows under it. */
export function useCountrySuggestion(preview: AudiencePreview | null): Suggestion | null {
  return useMemo(() => {
    const index = preview?.phoneColumn ? preview.columns.indexOf(preview.phoneColumn) : -1;
    if (!preview || index < 0) return null;
    return suggestCountry(
      preview.rows.map((r) => r[index] ?? ''),
      preview.defaultCountry,
      localeRegions(),
    );
  }, [preview]);
}

/**
 * A preview row's number that the chosen country rejects but the suggested one reads: the row
 * speaks of the suggestion, as the alert above it does, instead of the chosen country's refusal.
 */
export function suggestedRowText(cell: string, suggestion: Suggestion | null): string | null {
  if (!suggestion || !normalizePhone(cell, suggestion.country).ok) return null;
  const name = regionName(suggestion.country);
  return `A number from ${name}: use ${name} (+${suggestion.callingCode}) above to send to it.`;
}

/**
 * "These look like numbers from France: use France (+33)?" when more than a third of the preview's
 * numbers without +code are invalid for the chosen country and valid for another (suggestCountry).
 */
export function CountrySuggestion({
  preview,
  suggestion,
  onUse,
}: {
  preview: AudiencePreview;
  suggestion: Suggestion | null;
  onUse: (country: string) => void;
}) {
  if (!suggestion) return null;
  const name = regionName(suggestion.country);
  const chosen = preview.defaultCountry ? regionName(preview.defaultCountry) : null;
  return (
    <Alert
      color="blue"
      title={`These look like numbers from ${name}: use ${name} (+${suggestion.callingCode})?`}
      data-testid="country-suggestion"
    >
      <Text size="sm" mb="xs">
        {fmt().count(suggestion.matches)} of the {fmt().countOf(suggestion.total, noun('number'))}{' '}
        written without +code in the first rows are not valid
        {chosen ? ` for ${chosen}` : ' without a country'} but are valid for {name}.
      </Text>
      <Button size="xs" onClick={() => onUse(suggestion.country)}>
        Use {name} (+{suggestion.callingCode})
      </Button>
    </Alert>
  );
}
