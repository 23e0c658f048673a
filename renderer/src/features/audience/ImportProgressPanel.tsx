import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';

export function ImportProgressPanel() {
  const progress = useStore((s) => s.progress);
  const cancelImport = useStore((s) => s.cancelImport);
  const percent =
    progress && progress.totalBytes > 0
      ? Math.min(100, (progress.bytes / progress.totalBytes) * 100)
      : 0;
  return (
    <Paper withBorder p="md" data-testid="import-progress">
      <Stack gap="xs">
        <Text fw={600}>Importing…</Text>
        <Progress value={percent} animated aria-label="Import progress" />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {progress
              ? `${fmt().countOf(progress.rows, noun('row'))} · ${fmt().bytes(progress.bytes)} of ${fmt().bytes(progress.totalBytes)} · ${fmt().count(progress.rowsPerSecond)} rows/s`
              : 'Starting…'}
          </Text>
          <Button variant="default" size="xs" onClick={() => void cancelImport()}>
            Cancel
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Cancelling leaves the audience exactly as it was.
        </Text>
      </Stack>
    </Paper>
  );
}
