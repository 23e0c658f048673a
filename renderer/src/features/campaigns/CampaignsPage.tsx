import { Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CampaignSummary } from '../../../../shared/api';
import { CAMPAIGN_STATE_LABEL, canDeleteCampaign } from '../../../../shared/domain/campaigns';
import { useStore } from '../../store';
import { BusinessCountryField } from '../settings/BusinessCountryField';
import { CampaignNameModal } from './CampaignNameModal';
import { DeleteCampaignModal } from './DeleteCampaignModal';
import { fmt } from '../../lib/format';

const STATE_COLOR: Record<CampaignSummary['state'], string> = {
  draft: 'gray',
  scheduled: 'blue',
  sending: 'teal',
  paused: 'orange',
  completed: 'green',
  cancelled: 'red',
};

/** A campaign that ended without sending anything is never shown as a green success. */
function StateBadge({ campaign }: { campaign: CampaignSummary }) {
  const sentNothing =
    (campaign.state === 'completed' || campaign.state === 'cancelled') && campaign.reached === 0;
  if (sentNothing)
    return (
      <Badge color="gray" variant="light" data-testid="state-badge" data-sent-nothing="true">
        {CAMPAIGN_STATE_LABEL[campaign.state]}: nothing sent
      </Badge>
    );
  return (
    <Badge color={STATE_COLOR[campaign.state]} variant="light" data-testid="state-badge">
      {CAMPAIGN_STATE_LABEL[campaign.state]}
    </Badge>
  );
}

function EmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <Paper withBorder p="xl" radius="md" data-testid="empty-state">
      <Stack gap="sm" align="flex-start">
        <Title order={3}>Send your first WhatsApp campaign</Title>
        <Text>
          A campaign sends one approved WhatsApp template to a list of your customers. Start by
          creating a draft: nothing is sent until you press Send at the end.
        </Text>
        <Text c="dimmed" size="sm">
          1. Create a draft · 2. Add your customer list (CSV or Excel) · 3. Pick a template and
          check the preview · 4. Review the cost and send. No Meta account yet? The built-in Sandbox
          account lets you try everything safely.
        </Text>
        <Button onClick={onCreate}>Create your first campaign</Button>
      </Stack>
    </Paper>
  );
}

export function CampaignsPage() {
  const campaigns = useStore((s) => s.campaigns);
  const loaded = useStore((s) => s.campaignsLoaded);
  const error = useStore((s) => s.campaignsError);
  const { createCampaign, renameCampaign, navigate } = useStore.getState();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<CampaignSummary | null>(null);
  const [deleting, setDeleting] = useState<CampaignSummary | null>(null);
  const country = useStore((s) => s.businessCountry);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Campaigns</Title>
        {campaigns.length > 0 && <Button onClick={() => setCreating(true)}>New campaign</Button>}
      </Group>
      {country && !country.asked && (
        // Asked once, in place rather than in a dialog: nothing else waits for the answer.
        <Paper withBorder p="md" data-testid="first-run-country">
          <Title order={4} mb={4}>
            Where is your business?
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Customer files often list numbers without +country code. Campaign Desk reads those as
            numbers of your country; you can change it later in Settings.
          </Text>
          <BusinessCountryField firstRun />
        </Paper>
      )}
      {error && (
        <Alert color="red" title="Could not load campaigns">
          {error.message}
        </Alert>
      )}
      {loaded && campaigns.length === 0 && !error && (
        <EmptyState onCreate={() => setCreating(true)} />
      )}
      {campaigns.length > 0 && (
        <Table highlightOnHover verticalSpacing="sm" aria-label="Campaigns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Recipients</Table.Th>
              <Table.Th>Last change</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.map((c) => (
              <Table.Tr key={c.id} data-testid="campaign-row" data-campaign-id={c.id}>
                <Table.Td>
                  <Button
                    variant="subtle"
                    px={4}
                    onClick={() => navigate({ page: 'campaign', id: c.id })}
                  >
                    {c.name}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <StateBadge campaign={c} />
                </Table.Td>
                <Table.Td>{fmt().count(c.recipients)}</Table.Td>
                <Table.Td>{fmt().date(c.updatedAt)}</Table.Td>
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button variant="default" size="xs" aria-label={`Actions for ${c.name}`}>
                        ···
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setRenaming(c)}>Rename</Menu.Item>
                      <Menu.Item
                        color="red"
                        disabled={!canDeleteCampaign(c.state)}
                        onClick={() => setDeleting(c)}
                        title={
                          canDeleteCampaign(c.state) ? undefined : 'Only drafts can be deleted'
                        }
                      >
                        Delete draft
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CampaignNameModal
        opened={creating}
        title="New campaign"
        submitLabel="Create draft"
        chooseAccount
        onClose={() => setCreating(false)}
        onSubmit={async (name, accountId) => {
          const result = await createCampaign(name, accountId);
          if (!result.ok) return result.error.message;
          // The new draft opens: its first step (the audience) is what the user does next.
          navigate({ page: 'campaign', id: result.campaign.id });
          return null;
        }}
      />
      <CampaignNameModal
        opened={renaming !== null}
        title="Rename campaign"
        submitLabel="Rename"
        initialName={renaming?.name ?? ''}
        onClose={() => setRenaming(null)}
        onSubmit={async (name) => {
          if (!renaming) return null;
          const err = await renameCampaign(renaming.id, name);
          return err ? err.message : null;
        }}
      />
      <DeleteCampaignModal campaign={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
