import { Alert, Button, Group, Paper, Select, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { OUTCOMES, type Campaign, type Outcome } from '../../../../shared/api';
import { fmt, noun } from '../../lib/format';
import { useStore } from '../../store';

/** Who the follow-up goes to, as a shop owner says it. */
const FOLLOW_UP_LABEL: Record<Outcome, string> = {
  'not-delivered': 'Everyone it was not delivered to',
  failed: 'Everyone it failed for (any reason, or one error code)',
  delivered: 'Everyone it was delivered to',
  read: 'Everyone who read it',
  'delivered-not-read': 'Everyone who got it but did not read it',
  replied: 'Everyone who replied',
  'no-reply': 'Everyone who did not reply',
};

/**
 * On a finished campaign: a new draft to the customers with one outcome. The core leaves out
 * opt-outs and what Meta's rules forbid (permanent failures; 131049 within 24 hours).
 */
export function FollowUpPanel({ campaign }: { campaign: Campaign }) {
  const [outcome, setOutcome] = useState<Outcome>('no-reply');
  const [code, setCode] = useState('');
  const [name, setName] = useState(`${campaign.name} – follow-up`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (campaign.state !== 'completed' && campaign.state !== 'cancelled') return null;

  const create = async () => {
    const c = code.trim();
    if (outcome === 'failed' && c && !/^\d{1,9}$/.test(c))
      return setError('An error code is a number, e.g. 131049.');
    setBusy(true);
    setError(null);
    const r = await useStore
      .getState()
      .followUpCampaign(
        name,
        campaign.id,
        outcome,
        outcome === 'failed' && c ? Number(c) : undefined,
      );
    setBusy(false);
    if (!r.ok) setError(r.error.message);
  };

  return (
    <Paper withBorder p="md" data-testid="follow-up-panel">
      <Title order={4}>Follow up</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Send again to some of this campaign’s{' '}
        {fmt().countOf(campaign.counts.total, noun('recipient'))}. Opt-outs, numbers that can never
        receive messages, and customers Meta limited in the last 24 hours (131049) are left out.
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label="Send to"
          data={OUTCOMES.map((o) => ({ value: o, label: FOLLOW_UP_LABEL[o] }))}
          value={outcome}
          onChange={(v) => v && setOutcome(v)}
          allowDeselect={false}
          w={360}
        />
        {outcome === 'failed' && (
          <TextInput
            label="Error code (optional)"
            placeholder="e.g. 131049"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            w={160}
          />
        )}
        <TextInput
          label="New campaign name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={200}
          w={280}
        />
        <Button loading={busy} onClick={() => void create()}>
          Create follow-up
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      )}
    </Paper>
  );
}
