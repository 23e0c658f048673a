import { Alert, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { fmt, noun } from '../../lib/format';
import { useStore } from '../../store';
import type { SavedSegment } from '../../store/slices/segments';
import { CampaignNameModal } from '../campaigns/CampaignNameModal';
import { SegmentBuilder } from './SegmentBuilder';
import { ScheduleModal } from './schedules/ScheduleModal';

/** Saved segments with who is in them now; a click shows them in the table or starts a campaign. */
export function SegmentsPanel() {
  const segments = useStore((s) => s.segments);
  const error = useStore((s) => s.segmentsError);
  const shown = useStore((s) => s.book.segmentId);
  const [building, setBuilding] = useState(false);
  const [starting, setStarting] = useState<SavedSegment | null>(null);
  const [scheduling, setScheduling] = useState<SavedSegment | null>(null);

  useEffect(() => {
    void useStore.getState().loadSegments();
  }, []);

  return (
    <Paper withBorder p="md" data-testid="segments-panel">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Segments</Title>
        <Button variant="default" size="xs" onClick={() => setBuilding(true)}>
          New segment
        </Button>
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {segments.length === 0 ? (
        <Text size="sm" c="dimmed">
          A segment is a saved choice of customers, such as “London customers who read the March
          news”. It is counted again each time a campaign starts from it.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Segments">
          <Table.Tbody>
            {segments.map((s) => (
              <Table.Tr key={s.id} data-testid="segment-row" data-name={s.name}>
                <Table.Td fw={600}>{s.name}</Table.Td>
                <Table.Td>
                  {fmt().countOf(s.count.members, noun('customer'))}
                  {s.count.optedOut > 0 && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      ({fmt().count(s.count.optedOut)} opted out)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="xs"
                      variant={shown === s.id ? 'light' : 'subtle'}
                      onClick={() =>
                        void useStore.getState().openBook(undefined, shown === s.id ? null : s.id)
                      }
                    >
                      {shown === s.id ? 'Show everybody' : 'Show customers'}
                    </Button>
                    <Button size="xs" onClick={() => setStarting(s)}>
                      New campaign from this segment
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setScheduling(s)}>
                      Send on a schedule…
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SegmentBuilder opened={building} onClose={() => setBuilding(false)} />
      <ScheduleModal segment={scheduling} onClose={() => setScheduling(null)} />
      <CampaignNameModal
        opened={starting !== null}
        title={`New campaign to “${starting?.name ?? ''}”`}
        submitLabel="Create campaign"
        chooseAccount
        onClose={() => setStarting(null)}
        onSubmit={async (name, accountId) => {
          if (!starting) return null;
          const r = await useStore.getState().campaignFromSegment(name, starting.id, accountId);
          return r.ok ? null : r.error.message;
        }}
      />
    </Paper>
  );
}
