import { Alert, Button, Group, Paper, Select, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  OUTCOME_LABELS,
  OUTCOMES,
  type Campaign,
  type FollowUpPlan,
  type Outcome,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import { fmt, noun } from '../../lib/format';
import { useStore } from '../../store';

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
  const plan = useFollowUpPlan(campaign, outcome, code);
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
          data={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
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
        <Button
          loading={busy}
          disabled={plan?.ok === true && plan.value.recipients === 0}
          onClick={() => void create()}
        >
          Create follow-up
        </Button>
      </Group>
      <PlanText plan={plan} />
      {error && (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      )}
    </Paper>
  );
}

type PlanAnswer = { ok: true; value: FollowUpPlan } | { ok: false; message: string } | null;

/** The follow-up counted as the choice changes, so nobody creates a draft to learn it is empty. */
function useFollowUpPlan(campaign: Campaign, outcome: Outcome, code: string): PlanAnswer {
  const [plan, setPlan] = useState<PlanAnswer>(null);
  const finished = campaign.state === 'completed' || campaign.state === 'cancelled';
  const errorCode =
    outcome === 'failed' && /^\d{1,9}$/.test(code.trim()) ? Number(code) : undefined;
  useEffect(() => {
    if (!finished) return;
    let live = true;
    setPlan(null);
    void api
      .call('campaigns.followUpPlan', {
        sourceCampaignId: campaign.id,
        outcome,
        ...(errorCode === undefined ? {} : { errorCode }),
      })
      .then((r) => {
        if (live)
          setPlan(r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message });
      });
    return () => {
      live = false;
    };
  }, [campaign.id, finished, outcome, errorCode, campaign.counts.total]);
  return plan;
}

function PlanText({ plan }: { plan: PlanAnswer }) {
  if (!plan)
    return (
      <Text size="sm" c="dimmed" mt="xs">
        Counting…
      </Text>
    );
  if (!plan.ok)
    return (
      <Text size="sm" c="red" mt="xs">
        {plan.message}
      </Text>
    );
  const f = fmt();
  const { recipients, leftOut } = plan.value;
  return (
    <Text size="sm" mt="xs" data-testid="follow-up-plan">
      {recipients === 0
        ? 'Nobody would get this follow-up.'
        : `${f.countOf(recipients, noun('recipient'))} would get it.`}
      {leftOut.length > 0 &&
        ` Left out: ${leftOut.map((l) => `${f.count(l.count)} ${l.reason}`).join('; ')}.`}
    </Text>
  );
}
