import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { VariantStats } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { fmt } from '../../lib/format';

/** How often the comparison re-reads while statuses move (one index-only query per read). */
const REFRESH_MS = 2000;

const pct = (r: number | null): string => (r === null ? '—' : fmt().percent(r));

// Button clicks per variant, from template analytics (analytics/variant-clicks.ts); — where none were fetched.
const clicksCell = (v: VariantStats): string => (v.clicks ? fmt().count(v.clicks.total) : '—');

/**
 * The A/B variants side by side: sent, delivered, read and failed with the rates that matter
 * (delivered of sent, read of delivered). Nothing shows for a campaign that is not split.
 */
export function VariantComparison({ campaignId }: { campaignId: number }) {
  const comparison = useStore((s) =>
    s.comparison?.campaignId === campaignId ? s.comparison : null,
  );
  const dirty = useRef(false);

  useEffect(() => {
    const { loadComparison } = useStore.getState();
    void loadComparison(campaignId);
    const mark = () => (dirty.current = true);
    const off = api.subscribe('db.changed', ({ tables, campaignId: id }) => {
      if ((id === undefined || id === campaignId) && tables.includes('recipients')) mark();
    });
    const offProgress = api.subscribe('send.progress', (p) => {
      if (p.campaignId === campaignId) mark();
    });
    const tick = setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      void loadComparison(campaignId);
    }, REFRESH_MS);
    return () => {
      off();
      offProgress();
      clearInterval(tick);
    };
  }, [campaignId]);

  if (!comparison?.split) return null;
  const sent = comparison.variants.reduce((n, v) => n + v.sent, 0);
  return (
    <Paper withBorder p="md" data-testid="variant-comparison" data-sent={sent}>
      <Stack gap="xs">
        <Title order={5}>Variants side by side</Title>
        <Table aria-label="Variants compared" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Variant</Table.Th>
              <Table.Th>Template</Table.Th>
              <Table.Th ta="right">Recipients</Table.Th>
              <Table.Th ta="right">Waiting</Table.Th>
              <Table.Th ta="right">Sent</Table.Th>
              <Table.Th ta="right">Delivered</Table.Th>
              <Table.Th ta="right">Read</Table.Th>
              <Table.Th ta="right">Failed</Table.Th>
              <Table.Th ta="right">Delivered of sent</Table.Th>
              <Table.Th ta="right">Read of delivered</Table.Th>
              <Table.Th ta="right">Button clicks</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {comparison.variants.map((v) => (
              <Table.Tr
                key={v.id}
                data-testid="variant-row"
                data-variant={v.id}
                data-sent={v.sent}
                data-delivered={v.delivered}
                data-read={v.read}
                data-failed={v.failed}
                data-recipients={v.recipients}
              >
                <Table.Td>
                  <Text fw={600} size="sm">
                    {v.id}
                    {v.label !== v.id ? ` · ${v.label}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {v.share}% of the audience
                  </Text>
                </Table.Td>
                <Table.Td>
                  {v.templateName ? `${v.templateName} (${v.templateLanguage ?? ''})` : '—'}
                </Table.Td>
                <Table.Td ta="right">{fmt().count(v.recipients)}</Table.Td>
                <Table.Td ta="right">{fmt().count(v.waiting)}</Table.Td>
                <Table.Td ta="right">{fmt().count(v.sent)}</Table.Td>
                <Table.Td ta="right">{fmt().count(v.delivered)}</Table.Td>
                <Table.Td ta="right">{fmt().count(v.read)}</Table.Td>
                <Table.Td ta="right">{fmt().count(v.failed)}</Table.Td>
                <Table.Td ta="right">{pct(v.deliveredRate)}</Table.Td>
                <Table.Td ta="right">{pct(v.readRate)}</Table.Td>
                <Table.Td ta="right">{clicksCell(v)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          Sent counts what WhatsApp accepted; delivered includes read. Each recipient got one
          variant, at random by the proportions.
          {comparison.clicksNote ? ` ${comparison.clicksNote}` : ''}
        </Text>
      </Stack>
    </Paper>
  );
}
