import { Alert, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { Campaign } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { CostPanel } from './CostPanel';
import { PreviewPanel } from './PreviewPanel';
import { SlotRow } from './SlotRow';
import { TemplatePicker } from './TemplatePicker';
import { ValidationPanel } from './ValidationPanel';

function MappingPanel() {
  const setup = useStore((s) => s.setup);
  const slots = setup?.template?.slots ?? [];
  if (!setup?.template) return null;
  return (
    <Paper withBorder p="md" data-testid="mapping">
      <Stack gap="md">
        <div>
          <Title order={4}>Fill the placeholders</Title>
          <Text size="sm" c="dimmed">
            Each takes a column of your audience, the same text for everybody, or a column with a text for empty cells.
          </Text>
        </div>
        {slots.length === 0 && <Text c="dimmed">This template has no placeholders: everybody gets the same message.</Text>}
        {slots.map((slot) => (
          <SlotRow key={slot.key} slot={slot} setup={setup} />
        ))}
        {setup.columns.length === 0 && (
          <Text size="sm" c="dimmed">
            Add customers in the Audience tab to map their columns.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The "Message" step: template, mapping, live preview, validation and cost, side by side. */
export function MessageStep({ campaign }: { campaign: Campaign }) {
  const error = useStore((s) => s.messageError);

  useEffect(() => {
    void useStore.getState().openMessage(campaign.id);
    // SQLite is the truth: templates synced elsewhere, a new audience or a CLI change refetch here.
    return api.subscribe('db.changed', ({ tables, campaignId }) => {
      const s = useStore.getState();
      if (s.messageCampaignId !== campaign.id) return;
      if (tables.includes('templates')) void s.refreshTemplates();
      const mine = campaignId === undefined || campaignId === campaign.id;
      if (mine && (tables.includes('templates') || tables.includes('campaigns') || tables.includes('recipients'))) void s.refreshMessage();
    });
  }, [campaign.id]);

  return (
    <Stack data-testid="message-step">
      {error && (
        <Alert color="red" title="Something needs your attention" withCloseButton onClose={() => useStore.getState().dismissMessageError()} data-testid="message-error">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {error.message}
          </Text>
        </Alert>
      )}
      <TemplatePicker />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MappingPanel />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <PreviewPanel />
        </Grid.Col>
      </Grid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ValidationPanel />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CostPanel />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
