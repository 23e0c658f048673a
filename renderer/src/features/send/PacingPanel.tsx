import { Alert, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { Campaign } from '../../../../shared/api';
import { useStore } from '../../store';
import { PacingFrequencyCap } from './PacingFrequencyCap';
import { PacingQuietHours } from './PacingQuietHours';
import { PacingRate } from './PacingRate';

/**
 * Review & Send's pacing: frequency cap, quiet hours in the recipients' time zones, and the pace.
 * Everything can change while draft; quiet hours and the pace also while paused.
 */
export function PacingPanel({ campaign }: { campaign: Campaign }) {
  const view = useStore((s) => s.pacing[campaign.id]);
  const error = useStore((s) => s.pacingError);
  const loadPacing = useStore((s) => s.loadPacing);

  // Counts move with imports, starts and sends: read again when the campaign's counts change.
  const { pending, skipped } = campaign.counts;
  useEffect(() => {
    void loadPacing(campaign.id);
  }, [campaign.id, campaign.state, pending, skipped, loadPacing]);

  return (
    <Paper withBorder p="md" data-testid="pacing-panel" data-ready={view ? 'true' : 'false'}>
      <Title order={4} mb="xs">
        Pacing
      </Title>
      {error && (
        <Alert color="red" mb="sm" data-testid="pacing-error">
          {error.message}
        </Alert>
      )}
      {!view ? (
        <Text size="sm">Loading…</Text>
      ) : (
        <Stack>
          {campaign.state === 'paused' && (
            <Text size="sm" c="dimmed">
              While paused you can change the quiet hours and the pace; they apply when you resume.
            </Text>
          )}
          <PacingFrequencyCap view={view} />
          <Divider />
          <PacingQuietHours view={view} />
          <Divider />
          <PacingRate view={view} />
        </Stack>
      )}
    </Paper>
  );
}
