import { Alert, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { Campaign, MessageSetup } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { VariantBar } from '../variants/VariantBar';
import { CostPanel } from './CostPanel';
import { PreviewPanel } from './PreviewPanel';
import { SlotActionsContext, SlotRow, type SlotActions } from './SlotRow';
import { TemplatePicker } from './TemplatePicker';
import { ValidationPanel } from './ValidationPanel';
import { LanguagePanel } from '../translations/LanguagePanel';

/** The edits of an A/B variant (B or C) go to its own mapping. */
const variantActions: SlotActions = {
  setSlot: (key, source) => useStore.getState().setVariantSlot(key, source),
  setMediaFile: (file) => useStore.getState().setVariantMediaFile(file),
};

function MappingPanel({ setup, variant }: { setup: MessageSetup | null; variant: string }) {
  const slots = setup?.template?.slots ?? [];
  if (!setup?.template) return null;
  const panel = (
    <Paper withBorder p="md" data-testid="mapping" data-variant={variant}>
      <Stack gap="md">
        <div>
          <Title order={4}>Fill the placeholders</Title>
          <Text size="sm" c="dimmed">
            Each takes a column of your audience, the same text for everybody, or a column with a
            text for empty cells.
          </Text>
        </div>
        {slots.length === 0 && (
          <Text c="dimmed">
            This template has no placeholders: everybody gets the same message.
          </Text>
        )}
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
  return variant === 'A' ? (
    panel
  ) : (
    <SlotActionsContext.Provider value={variantActions}>{panel}</SlotActionsContext.Provider>
  );
}

/** The "Message" step: template, mapping, live preview, validation and cost, side by side. */
export function MessageStep({ campaign }: { campaign: Campaign }) {
  const error = useStore((s) => s.messageError);
  const selected = useStore((s) => s.selectedVariant);
  const split = useStore((s) => s.variantsView?.split ?? false);
  const campaignSetup = useStore((s) => s.setup);
  const variantSetup = useStore((s) => s.variantSetup);
  const variantPreview = useStore((s) => s.variantPreview);
  const editingExtra = selected !== 'A';

  useEffect(() => {
    // openMessage marks the campaign as the one shown before its first await, so both may start at once.
    void useStore.getState().openMessage(campaign.id);
    void useStore.getState().loadVariants(campaign.id);
    // SQLite is the truth: templates synced elsewhere, a new audience or a CLI change refetch here.
    return api.subscribe('db.changed', ({ tables, campaignId }) => {
      const s = useStore.getState();
      if (s.messageCampaignId !== campaign.id) return;
      if (tables.includes('templates')) void s.refreshTemplates();
      const mine = campaignId === undefined || campaignId === campaign.id;
      if (
        mine &&
        (tables.includes('templates') ||
          tables.includes('campaigns') ||
          tables.includes('recipients'))
      ) {
        void s.refreshMessage();
        void s.refreshVariants();
      }
    });
  }, [campaign.id]);

  return (
    <Stack data-testid="message-step">
      {error && (
        <Alert
          color="red"
          title="Something needs your attention"
          withCloseButton
          onClose={() => useStore.getState().dismissMessageError()}
          data-testid="message-error"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {error.message}
          </Text>
        </Alert>
      )}
      <VariantBar />
      {editingExtra ? (
        <TemplatePicker
          setup={variantSetup}
          onChoose={(id) => void useStore.getState().chooseVariantTemplate(id)}
          label={`Template of variant ${selected}`}
        />
      ) : (
        <>
          <TemplatePicker />
          {campaignSetup && <LanguagePanel setup={campaignSetup} />}
        </>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MappingPanel setup={editingExtra ? variantSetup : campaignSetup} variant={selected} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {split ? (
            <PreviewPanel
              preview={variantPreview}
              onShow={(t) => useStore.getState().showVariantRecipient(t)}
            />
          ) : (
            <PreviewPanel />
          )}
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
