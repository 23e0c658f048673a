import { Alert, Button, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AudiencePreview } from '../../../../shared/api';
import { suggestCountry } from '../../../../shared/domain/phone-country';
import { localeRegions } from './countries';

const regionName = (code: string): string => {
  try {
    return new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * "These look like numbers from France: use France (+33)?" when more than a third of the preview's
 * numbers without +code are invalid for the chosen country and valid for another (suggestCountry).
 */
export function CountrySuggestion({
  preview,
  onUse,
}: {
  preview: AudiencePreview;
  onUse: (country: string) => void;
}) {
  const index = preview.phoneColumn ? preview.columns.indexOf(preview.phoneColumn) : -1;
  const suggestion = useMemo(
    () =>
      index < 0
        ? null
        : suggestCountry(
            preview.rows.map((r) => r[index] ?? ''),
            preview.defaultCountry,
            localeRegions(),
          ),
    [preview, index],
  );
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
        {suggestion.matches} of the {suggestion.total} numbers written without +code in the first
        rows are not valid{chosen ? ` for ${chosen}` : ' without a country'} but are valid for{' '}
        {name}.
      </Text>
      <Button size="xs" onClick={() => onUse(suggestion.country)}>
        Use {name} (+{suggestion.callingCode})
      </Button>
    </Alert>
  );
}
