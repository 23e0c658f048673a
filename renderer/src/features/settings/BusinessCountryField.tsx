import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import { countryOptions, localeRegions } from '../audience/countries';

/**
 * The business's country, the default for numbers written without +code. Asked once at first run
 * (`firstRun`: a card above the campaigns with "Not one country" as the way out), then in Settings.
 */
export function BusinessCountryField({ firstRun = false }: { firstRun?: boolean }) {
  const saved = useStore((s) => s.businessCountry);
  const setBusinessCountry = useStore((s) => s.setBusinessCountry);
  const countries = useMemo(() => countryOptions(), []);
  const guess = useMemo(() => localeRegions()[0] ?? null, []);
  const [value, setValue] = useState<string | null>(saved?.country ?? (firstRun ? guess : null));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const save = async (country: string | null) => {
    setBusy(true);
    setError(null);
    const failed = await setBusinessCountry(country);
    setBusy(false);
    if (failed) setError(failed.message);
    else setDone(true);
  };

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <Select
          label="Country of your business"
          description="Numbers in your files written without +code are read as numbers of this country."
          data={countries}
          value={value}
          onChange={(v) => {
            setValue(v);
            setDone(false);
          }}
          searchable
          // Picking the preselected country (the locale's guess) again must keep it, not clear it:
          // a first-time user confirming "United States" found "Use this country" disabled.
          // Clearing is the clear button's job (Settings only).
          allowDeselect={false}
          clearable={!firstRun}
          placeholder="Not one country: every number needs +code"
          error={error}
          w={360}
          data-testid="business-country"
        />
        <Button
          loading={busy}
          disabled={firstRun ? value === null : value === (saved?.country ?? null)}
          onClick={() => void save(value)}
        >
          {firstRun ? 'Use this country' : 'Save'}
        </Button>
        {firstRun && (
          <Button variant="subtle" color="gray" disabled={busy} onClick={() => void save(null)}>
            My customers are in many countries
          </Button>
        )}
      </Group>
      {done && !firstRun && (
        <Text size="xs" c="teal">
          Saved. New files read numbers without +code as numbers of this country.
        </Text>
      )}
    </Stack>
  );
}
