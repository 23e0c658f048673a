import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { Schedule, ScheduleRun } from '../../../../../shared/api';
import { api } from '../../../lib/api';
import { fmt, noun } from '../../../lib/format';
import { useStore } from '../../../store';
import { useSchedules } from './useSchedules';

const STATE: Record<ScheduleRun['state'], { label: string; color: string }> = {
  creating: { label: 'Starting', color: 'blue' },
  started: { label: 'Started', color: 'green' },
  skipped: { label: 'Skipped', color: 'gray' },
  failed: { label: 'Not sent', color: 'red' },
};

function RunLine({ run, zone }: { run: ScheduleRun; zone: string }) {
  const when = fmt().date(run.dueAt, 'dateTime', zone);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="schedule-run" data-state={run.state}>
      <Badge size="xs" color={STATE[run.state].color} variant="light" style={{ flexShrink: 0 }}>
        {STATE[run.state].label}
      </Badge>
      <Text size="xs">{when}</Text>
      {run.campaignId !== null && run.campaignName ? (
        <Anchor
          size="xs"
          onClick={() => useStore.getState().navigate({ page: 'campaign', id: run.campaignId! })}
        >
          {run.campaignName}
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed">
          {run.reason}
        </Text>
      )}
    </Group>
  );
}

/** The recurring campaigns: when each runs next, its last runs with links, pause, resume, delete. */
export function SchedulesPanel() {
  const { schedules, error } = useSchedules();
  const [refusal, setRefusal] = useState<{ id: number; message: string } | null>(null);
  const act = async (s: Schedule, verb: 'pause' | 'resume' | 'delete') => {
    const r = await api.call(`schedules.${verb}`, { id: s.id }, { shownInPlace: true });
    setRefusal(r.ok ? null : { id: s.id, message: r.error.message });
  };
  if (schedules.length === 0 && !error) return null;
  return (
    <Paper withBorder p="md" data-testid="schedules-panel">
      <Title order={4} mb="xs">
        Schedules
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {fmt().countOf(schedules.length, noun('recurring campaign'))}. Runs happen while Campaign
        Desk is open; one missed while it was closed goes out at the next start if it is not later
        than its grace window.
      </Text>
      {error && <Alert color="red">{error.message}</Alert>}
      <Table verticalSpacing={6} aria-label="Schedules">
        <Table.Tbody>
          {schedules.map((s) => (
            <Table.Tr key={s.id} data-testid="schedule-row" data-name={s.name}>
              <Table.Td>
                <Text fw={600}>{s.name}</Text>
                <Text size="xs" c="dimmed">
                  {s.segmentName ? `To “${s.segmentName}”` : 'Its segment was deleted'} ·{' '}
                  {s.ruleText} ({s.timeZone}) · {s.templateName ?? 'no template'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="schedule-next">
                  {s.paused
                    ? 'Paused'
                    : s.nextRunAt === null
                      ? 'No more runs'
                      : `Next: ${fmt().date(s.nextRunAt, 'dateTime', s.timeZone)}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {s.lastRuns.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      No runs yet
                    </Text>
                  ) : (
                    s.lastRuns.map((r) => <RunLine key={r.id} run={r} zone={s.timeZone} />)
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => void act(s, s.paused ? 'resume' : 'pause')}
                  >
                    {s.paused ? 'Resume' : 'Pause'}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void act(s, 'delete')}
                  >
                    Delete
                  </Button>
                </Group>
                {refusal?.id === s.id && (
                  <Text size="xs" c="red" role="alert">
                    {refusal.message}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
