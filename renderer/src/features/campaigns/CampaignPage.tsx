import { Alert, Anchor, Badge, Breadcrumbs, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { CAMPAIGN_STATE_LABEL } from '../../../../shared/domain/campaigns';
import { useStore } from '../../store';
import { AudienceStep } from '../audience/AudienceStep';
import { ReportPanel } from '../reports/ReportPanel';
import { ReviewSendStep } from '../send/ReviewSendStep';
import { MessageStep } from '../templates/MessageStep';

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
            {campaign.templateName
              ? ` Template: ${campaign.templateName} (${campaign.templateLanguage ?? ''}).`
              : ' No template chosen yet.'}
          </Text>
          <Tabs defaultValue={campaign.state === 'draft' ? 'audience' : 'send'} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="audience">Audience</Tabs.Tab>
              <Tabs.Tab value="message">Message</Tabs.Tab>
              <Tabs.Tab value="send">
                {campaign.state === 'draft' ? 'Review & send' : 'Progress'}
              </Tabs.Tab>
              <Tabs.Tab value="report" disabled={campaign.state === 'draft'}>
                Report
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="audience" pt="md">
              <AudienceStep campaign={campaign} />
            </Tabs.Panel>
            <Tabs.Panel value="message" pt="md">
              <MessageStep campaign={campaign} />
            </Tabs.Panel>
            <Tabs.Panel value="send" pt="md">
              <ReviewSendStep campaign={campaign} />
            </Tabs.Panel>
            <Tabs.Panel value="report" pt="md">
              <ReportPanel campaign={campaign} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
