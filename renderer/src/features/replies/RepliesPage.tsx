import { Grid, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { ButtonRules } from './ButtonRules';
import { ThreadList } from './ThreadList';
import { ThreadView } from './ThreadView';

const SEARCH_DELAY_MS = 300;

/** What customers wrote back to campaigns, newest first, per campaign or for all (issue 19). */
export function RepliesPage() {
  const campaigns = useStore((s) => s.campaigns);
  const list = useStore((s) => s.replyList);
  const openCampaignId = useStore((s) => {
    const last = s.openThread?.thread?.items.findLast((i) => i.kind === 'reply');
    return last?.kind === 'reply' ? last.reply.campaignId : null;
  });
  const [search, setSearch] = useState(list.search);
  const campaignId = list.campaignId;

  useEffect(() => {
    const s = useStore.getState();
    void s.showReplies(s.replyList.campaignId, s.replyList.search);
  }, []);
  useEffect(() => {
    if (search === useStore.getState().replyList.search) return;
    const t = setTimeout(
      () => void useStore.getState().showReplies(campaignId, search),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(t);
  }, [search, campaignId]);

  const rulesFor = campaignId ?? openCampaignId;
  const rulesCampaign = campaigns.find((c) => c.id === rulesFor);
  return (
    <Stack gap="sm" data-testid="replies-page">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Replies</Title>
        <Group gap="sm" align="flex-end">
          <Select
            label="Campaign"
            aria-label="Campaign"
            data={[
              { value: 'all', label: 'All campaigns' },
              ...campaigns.map((c) => ({ value: String(c.id), label: c.name })),
            ]}
            value={campaignId === null ? 'all' : String(campaignId)}
            onChange={(v) =>
              void useStore.getState().showReplies(v && v !== 'all' ? Number(v) : null, search)
            }
            allowDeselect={false}
            searchable
            w={260}
          />
          <TextInput
            label="Search"
            aria-label="Search replies"
            placeholder="A number, words, a label"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={100}
            w={260}
          />
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ThreadList />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <ThreadView />
            {rulesCampaign && (
              <ButtonRules campaignId={rulesCampaign.id} campaignName={rulesCampaign.name} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
