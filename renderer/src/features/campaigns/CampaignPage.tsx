import { Alert, Anchor, Badge, Breadcrumbs, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { RECIPIENT_STATES } from '../../../../shared/api';
import { CAMPAIGN_STATE_LABEL } from '../../../../shared/domain/campaigns';
import { useStore } from '../../store';

export function CampaignPage({ id }: { id: number }) {
  const campaign = useStore((s) => (s.current?.id === id ? s.current : null));
  const error = useStore((s) => s.currentError);
  const navigate = useStore((s) => s.navigate);

  useEffect(() => {
    void useStore.getState().loadCampaign(id);
  }, [id]);

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component="button" onClick={() => navigate({ page: 'campaigns' })}>
          Campaigns
        </Anchor>
        <Text>{campaign?.name ?? '…'}</Text>
      </Breadcrumbs>
      {error && (
        <Alert color="red" title="Could not open this campaign">
          {error.message}
        </Alert>
      )}
      {campaign && (
        <>
          <Group>
            <Title order={2}>{campaign.name}</Title>
            <Badge variant="light">{CAMPAIGN_STATE_LABEL[campaign.state]}</Badge>
          </Group>
          <Text c="dimmed">
            Sends from the account <b>{campaign.accountName}</b>.
            {campaign.templateName ? ` Template: ${campaign.templateName} (${campaign.templateLanguage ?? ''}).` : ' No template chosen yet.'}
          </Text>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              Audience
            </Title>
            {campaign.counts.total === 0 ? (
              <Text>No recipients yet.</Text>
            ) : (
              <SimpleGrid cols={{ base: 3, md: 5 }}>
                {RECIPIENT_STATES.filter((s) => campaign.counts[s] > 0).map((s) => (
                  <div key={s}>
                    <Text size="xs" c="dimmed" tt="uppercase">
                      {s}
                    </Text>
                    <Text fw={600}>{campaign.counts[s].toLocaleString()}</Text>
                  </div>
                ))}
              </SimpleGrid>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
