import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import { useStore } from '../../store';

/**
 * The dated cards the app prices with: the bundled one and Meta's newer cards the user imports
 * (the CSV of Meta's pricing page). A campaign is priced by the card in force on its send date.
 */
export function RateCards() {
  const card = useStore((s) => s.rateCard);
  const input = useRef<HTMLInputElement>(null);
  const [date, setDate] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!card) return null;
  const run = async (work: Promise<ApiError | null>, ok: string) => {
    setDone(null);
    const e = await work;
    setError(e);
    if (!e) setDone(ok);
  };
  return (
    <Stack gap="xs" data-testid="rate-cards">
      <Text size="sm">
        Prices for messages sent today come from the card of <b>{card.effectiveDate}</b> (
        {card.currency}). A campaign is priced by the card in force on the day it sends. Meta
        publishes a new card most quarters: download the CSV from Meta’s pricing page and import it.
      </Text>
      <Table aria-label="Rate cards" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>In force from</Table.Th>
            <Table.Th>Currency</Table.Th>
            <Table.Th>Markets</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.cards.map((c) => (
            <Table.Tr key={`${c.effectiveDate}-${c.currency}`}>
              <Table.Td>{c.effectiveDate}</Table.Td>
              <Table.Td>{c.currency}</Table.Td>
              <Table.Td>{c.markets}</Table.Td>
              <Table.Td>{c.imported ? c.source : 'Bundled with the app'}</Table.Td>
              <Table.Td>
                {c.imported && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      void run(
                        useStore.getState().removeRateCard(c.effectiveDate, c.currency),
                        `Removed the card of ${c.effectiveDate}.`,
                      )
                    }
                  >
                    Remove
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end">
        <TextInput
          label="In force from (only if the file does not say)"
          placeholder="2026-10-01"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value.trim())}
          w={260}
          size="xs"
        />
        <Button size="xs" variant="default" onClick={() => input.current?.click()}>
          Import Meta’s rate card (CSV)…
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".csv,text/csv"
          data-testid="rate-card-file-input"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f)
              void run(
                useStore.getState().importRateCard(f, date || undefined),
                `Imported ${f.name}.`,
              );
          }}
        />
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status">
          {done}
        </Alert>
      )}
    </Stack>
  );
}
