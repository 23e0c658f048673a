import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { canEditAudience } from '../../../../shared/domain/campaigns';
import type { Campaign } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { DropArea } from './DropArea';
import { FilterPanel } from './filter/FilterPanel';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportResultPanel } from './ImportResultPanel';
import { PreviewPanel } from './PreviewPanel';
import { fmt, noun } from '../../lib/format';

export function AudienceStep({ campaign }: { campaign: Campaign }) {
  const preview = useStore((s) => s.preview);
  const previewLoading = useStore((s) => s.previewLoading);
  const importing = useStore((s) => s.importing);
  const error = useStore((s) => s.audienceError);
  const lastResult = useStore((s) => s.lastResult);
  const recipients = useStore((s) => s.recipients);
  const { stageFile, clearAudience } = useStore.getState();
  const [confirmClear, setConfirmClear] = useState(false);
  const editable = canEditAudience(campaign.state);

  useEffect(() => {
    void useStore.getState().openAudience(campaign.id);
    const off = api.subscribe('import.progress', (p) => useStore.getState().setProgress(p));
    return off;
  }, [campaign.id]);

  // A file dropped anywhere on the window lands here, not in the browser's file viewer.
  useEffect(() => {
    if (!editable) return;
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file && !useStore.getState().importing) void stageFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [editable, stageFile]);

  const columns = [...new Set(recipients.flatMap((r) => Object.keys(r.fields)))].slice(0, 8);

  return (
    <Stack data-testid="audience-step">
      <Group justify="space-between">
        <Title order={3}>Audience</Title>
        {campaign.counts.total > 0 && editable && !importing && (
          <Button variant="subtle" color="red" onClick={() => setConfirmClear(true)}>
            Clear audience
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" title="That file could not be used" data-testid="audience-error">
          {error.message}
        </Alert>
      )}
      {importing && <ImportProgressPanel />}
      {!importing && preview && <PreviewPanel />}
      {!importing && lastResult && <ImportResultPanel result={lastResult} />}
      {!importing && !preview && editable && (
        <DropArea onFile={(f) => void stageFile(f)} busy={previewLoading} />
      )}
      {campaign.counts.total > 0 && !importing && <FilterPanel campaign={campaign} />}
      {campaign.counts.total > 0 && (
        <Paper withBorder p="md">
          <Text fw={600} mb="xs" data-testid="audience-count">
            {fmt().countOf(campaign.counts.total, noun('recipient'))}
            {campaign.counts.skipped > 0
              ? ` (${fmt().count(campaign.counts.skipped)} skipped: opted out)`
              : ''}
          </Text>
          <ScrollArea>
            <Table striped aria-label="Recipients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Phone</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recipients.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.rowNumber}</Table.Td>
                    <Table.Td ff="monospace">{r.phone}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c}>{r.fields[c] ?? ''}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {campaign.counts.total > recipients.length && (
            <Text size="sm" c="dimmed" mt="xs">
              Showing the first {recipients.length} of {fmt().count(campaign.counts.total)}.
            </Text>
          )}
        </Paper>
      )}
      <Modal
        opened={confirmClear}
        onClose={() => setConfirmClear(false)}
        title="Clear the audience?"
        centered
      >
        <Text>
          {campaign.counts.total === 1
            ? 'The one recipient'
            : `All ${fmt().countOf(campaign.counts.total, noun('recipient'))}`}{' '}
          of this draft will be removed. Your files are not touched.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmClear(false)}>
            Keep them
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirmClear(false);
              void clearAudience();
            }}
          >
            Clear audience
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
