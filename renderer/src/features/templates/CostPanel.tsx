import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  PRICED_CATEGORIES,
  type PricedCategory,
  type Prices,
} from '../../../../shared/domain/pricing';
import type { ApiError } from '../../../../shared/api';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';
import { RateCards } from './RateCards';

const CATEGORY_LABEL: Record<PricedCategory, string> = {
  MARKETING: 'Marketing',
  UTILITY: 'Utility',
  AUTHENTICATION: 'Authentication',
};

function RatesModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const card = useStore((s) => s.rateCard);
  const [edits, setEdits] = useState<Record<string, Partial<Prices>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  if (!card) return null;
  const close = () => {
    setEdits({});
    setError(null);
    onClose();
  };
  // A refusal keeps the dialog open with the user's edits and says why, in the dialog.
  const done = (e: ApiError | null) => (e ? setError(e) : close());
  const save = async () => done(await useStore.getState().setRates(edits));
  const reset = async () => done(await useStore.getState().resetRates());
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Prices per delivered message (${card.currency})`}
      size="xl"
    >
      <Stack>
        <RateCards />
        <Text size="sm" c="dimmed">
          Or put in what your invoice says: your prices replace the card’s for those markets.
        </Text>
        <ScrollArea h={420}>
          <Table aria-label="Rate card" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Market</Table.Th>
                {PRICED_CATEGORIES.map((c) => (
                  <Table.Th key={c}>{CATEGORY_LABEL[c]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.markets.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.name}
                    {card.editedMarkets.includes(m.id) ? ' (edited)' : ''}
                  </Table.Td>
                  {PRICED_CATEGORIES.map((c) => (
                    <Table.Td key={c}>
                      <NumberInput
                        aria-label={`${m.name} ${CATEGORY_LABEL[c]}`}
                        value={edits[m.id]?.[c] ?? m.prices[c]}
                        onChange={(v) =>
                          typeof v === 'number' &&
                          setEdits((e) => ({ ...e, [m.id]: { ...e[m.id], [c]: v } }))
                        }
                        min={0}
                        max={10}
                        step={0.001}
                        decimalScale={6}
                        w={110}
                        size="xs"
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        {error && (
          <Alert color="red" title="The prices were not saved" data-testid="rates-error">
            {error.message}
          </Alert>
        )}
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="gray"
            disabled={!card.edited}
            onClick={() => void reset()}
          >
            Back to the bundled card
          </Button>
          <Group>
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={() => void save()} disabled={Object.keys(edits).length === 0}>
              Save prices
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What the campaign will cost if every message is delivered, by country, from a dated rate card. */
export function CostPanel() {
  const e = useStore((s) => s.estimate);
  const [editing, setEditing] = useState(false);
  // A/B variants on templates of different categories: each line below names its own.
  const mixed = new Set(e?.byVariant?.map((v) => v.category) ?? []).size > 1;
  return (
    <Paper withBorder p="md" data-testid="cost-estimate">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Cost estimate</Title>
          <Button variant="subtle" size="xs" onClick={() => setEditing(true)}>
            Edit prices…
          </Button>
        </Group>
        {!e && <Text c="dimmed">No estimate yet.</Text>}
        {e?.unavailable && <Text c="dimmed">{e.unavailable}</Text>}
        {e && !e.unavailable && (
          <>
            <Text size="xl" fw={700} data-testid="cost-total">
              About {fmt().money(e.total, e.currency)}
            </Text>
            <Text size="sm">
              {fmt().countOf(
                e.messages,
                noun(mixed ? 'message' : `${CATEGORY_LABEL[e.category].toLowerCase()} message`),
              )}
              {e.excluded > 0
                ? ` (${fmt().countOf(e.excluded, noun('recipient'))} left out: skipped when sending)`
                : ''}
              .
              {e.categoryAssumed
                ? ' The template’s category is not one Meta prices, so marketing prices were used.'
                : ''}
            </Text>
            {e.byVariant && e.byVariant.length > 1 && (
              <Stack gap={0} data-testid="cost-by-variant">
                {e.byVariant.map((v) => (
                  <Text key={v.id} size="sm">
                    Variant {v.id}
                    {v.label !== v.id ? ` (${v.label})` : ''}:{' '}
                    {fmt().countOf(
                      v.messages,
                      noun(`${CATEGORY_LABEL[v.category].toLowerCase()} message`),
                    )}
                    , about {fmt().money(v.total, e.currency)}
                  </Text>
                ))}
              </Stack>
            )}
            {e.countries.length > 0 && (
              <Table aria-label="Cost per country">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Country</Table.Th>
                    <Table.Th>Priced as</Table.Th>
                    <Table.Th ta="right">Messages</Table.Th>
                    <Table.Th ta="right">Each</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {e.countries.map((c) => (
                    <Table.Tr key={c.country ?? '-'} data-testid="cost-country">
                      <Table.Td>{c.country ?? 'Unknown'}</Table.Td>
                      <Table.Td>{c.marketName}</Table.Td>
                      <Table.Td ta="right">{fmt().count(c.messages)}</Table.Td>
                      <Table.Td ta="right">{fmt().unitPrice(c.unitPrice, e.currency)}</Table.Td>
                      <Table.Td ta="right">{fmt().money(c.cost, e.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {e.volume && e.volume.length > 0 && (
              <Text size="sm" data-testid="cost-volume">
                Priced on Meta’s volume tiers for the month:{' '}
                {e.volume
                  .map(
                    (v) =>
                      `${v.marketName}, ${fmt().countOf(v.already, noun(`${CATEGORY_LABEL[e.category].toLowerCase()} message`))} charged before these`,
                  )
                  .join('; ')}
                .
              </Text>
            )}
            {e.caveats.length > 0 && (
              <Alert color="yellow" title="Figures this card may miss" data-testid="cost-caveats">
                <Stack gap={4}>
                  {e.caveats.map((c) => (
                    <Text key={c} size="sm">
                      {c}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <Text size="xs" c="dimmed" data-testid="cost-note">
              {e.note}
            </Text>
          </>
        )}
      </Stack>
      <RatesModal opened={editing} onClose={() => setEditing(false)} />
    </Paper>
  );
}
