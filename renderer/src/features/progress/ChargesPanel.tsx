import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Campaign, CostEstimate } from '../../../../shared/api';
import { api } from '../../lib/api';
import { fmt, noun } from '../../lib/format';
import { useLiveRefresh } from './live/useLiveRefresh';

const LIVE_TABLES = ['recipients', 'status_events'] as const;

const CATEGORY: Record<string, string> = {
  marketing: 'Marketing',
  marketing_lite: 'Marketing (Marketing Messages API)',
  utility: 'Utility',
  authentication: 'Authentication',
  authentication_international: 'Authentication (international)',
};

/**
 * The estimate before sending beside what WhatsApp's delivery reports say is charged: Meta bills
 * delivered template messages only, and some are free (an open customer-service window, a free entry
 * point), so the two differ and the user should see by how much and why.
 */
export function ChargesPanel({ campaign }: { campaign: Campaign }) {
  const [estimate, setEstimate] = useState<CostEstimate | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('campaigns.estimate', { campaignId: campaign.id });
    if (r.ok) setEstimate(r.value);
    setError(r.ok ? null : r.error);
  }, [campaign.id]);
  // Again when the campaign changes state (sending ends), and as delivery reports land, which goes
  // on after sending ends: what is charged follows them without a click.
  useEffect(() => void load(), [load, campaign.state]);
  useLiveRefresh(campaign.id, LIVE_TABLES, load);

  if (error)
    return (
      <Text size="sm" c="red" role="alert">
        {error.message}
      </Text>
    );
  if (!estimate || estimate.unavailable) return null;
  const f = fmt();
  const c = estimate.charged;
  const free = c ? c.free.customerService + c.free.entryPoint + c.free.other : 0;
  return (
    <Paper withBorder p="md" data-testid="charges">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Cost</Title>
        <Button size="compact-sm" variant="subtle" onClick={() => void load()}>
          Refresh
        </Button>
      </Group>
      <Stack gap={4}>
        {c && c.delivered > 0 ? (
          <Text size="sm" data-testid="charges-estimate">
            Estimated for the {f.countOf(c.delivered, noun('delivered message'))}:{' '}
            {f.money(c.estimatedForDelivered)} (rate card of {estimate.rateCardDate}; WhatsApp
            charges delivered messages only).
          </Text>
        ) : (
          estimate.messages > 0 && (
            <Text size="sm" data-testid="charges-estimate">
              Estimated for the {f.countOf(estimate.messages, noun('message'))} still to send:{' '}
              {f.money(estimate.total)} (rate card of {estimate.rateCardDate}).
            </Text>
          )
        )}
        {!c ? (
          <Text size="sm" c="dimmed">
            No delivery report with prices has arrived yet.
          </Text>
        ) : (
          <>
            <Text size="sm" data-testid="charges-charged">
              WhatsApp&apos;s reports so far: {f.count(c.billable)} charged (about {f.money(c.cost)}{' '}
              at the same card), {f.count(free)} free
              {free > 0 &&
                ` (${c.free.customerService} in a customer-service window, ${c.free.entryPoint} from a free entry point${c.free.other ? `, ${c.free.other} other` : ''})`}
              .
            </Text>
            {c.byCategory.map((b) => (
              <Text size="xs" c="dimmed" key={b.category}>
                {CATEGORY[b.category] ?? b.category}: {f.count(b.messages)} · {f.money(b.cost)}
              </Text>
            ))}
            {c.awaitingDelivery > 0 && (
              <Text size="xs" c="dimmed">
                {f.count(c.awaitingDelivery)} more are billable once delivered (not charged yet).
              </Text>
            )}
            {c.unreported > 0 && (
              <Text size="xs" c="dimmed">
                {f.count(c.unreported)} delivered messages have no price report yet (only webhooks
                carry prices, not the message history).
              </Text>
            )}
          </>
        )}
        <Text size="xs" c="dimmed">
          Amounts are at the rate card&apos;s list prices; your invoice from Meta is what counts.
        </Text>
      </Stack>
    </Paper>
  );
}
