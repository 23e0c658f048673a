import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import type { SuppressionEntry, SuppressionRemoval } from '../../../../shared/api';
import { SOURCE_COLOR, sourceLabel, when } from './format';

function Why({
  reason,
  words,
  detail,
  source,
}: {
  reason: string;
  words: string | null;
  detail: string | null;
  source: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="sm">{reason}</Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
      {words && !reason.includes(words) && (
        <Text size="xs" c="dimmed">
          {source === 'button' ? 'Button' : 'Customer wrote'}: “{words}”
        </Text>
      )}
    </Stack>
  );
}

export function EntriesTable({
  rows,
  onRemove,
}: {
  rows: SuppressionEntry[];
  onRemove: (e: SuppressionEntry) => void;
}) {
  return (
    <Table verticalSpacing="xs" aria-label="Opt-outs" data-testid="suppression-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Phone</Table.Th>
          <Table.Th>Added</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>Campaign</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr
            key={r.phone}
            data-testid="suppression-row"
            data-phone={r.phone}
            data-source={r.source}
          >
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.phone}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm">{when(r.createdAt)}</Text>
              {r.eventAt !== null && Math.abs(r.eventAt - r.createdAt) > 60_000 && (
                <Text size="xs" c="dimmed">
                  customer wrote {when(r.eventAt)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={SOURCE_COLOR[r.source] ?? 'gray'}>
                {sourceLabel(r.source)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Why reason={r.reason} words={r.words} detail={r.detail} source={r.source} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {r.campaignId === null ? '—' : (r.campaignName ?? 'a deleted campaign')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => onRemove(r)}
                aria-label={`Remove ${r.phone}`}
              >
                Remove
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function RemovalsTable({ rows }: { rows: SuppressionRemoval[] }) {
  return (
    <Table verticalSpacing="xs" aria-label="Removed from the opt-outs" data-testid="removals-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Phone</Table.Th>
          <Table.Th>Removed</Table.Th>
          <Table.Th>Why removed</Table.Th>
          <Table.Th>Had been added</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} data-testid="removal-row" data-phone={r.phone}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.phone}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(r.removedAt)}</Table.Td>
            <Table.Td>
              {r.note ?? (
                <Text c="dimmed" size="sm">
                  no note
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {when(r.addedAt)} · {sourceLabel(r.source)}
              </Text>
              <Why reason={r.reason} words={r.words} detail={r.detail} source={r.source} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
