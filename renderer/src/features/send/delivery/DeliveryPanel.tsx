import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError, Campaign } from '../../../../../shared/api';
import type { DeliveryView } from '../../../../../shared/api/methods/delivery';
import { DEFER_DAYS_MAX, parseStopAfter } from '../../../../../shared/domain/delivery';
import { api } from '../../../lib/api';
import { fmt } from '../../../lib/format';
import { stopAfterText } from './stop-after-text';

/** The contract takes changes while draft, scheduled or paused (a sending campaign is paused first). */
const EDITABLE = new Set<Campaign['state']>(['draft', 'scheduled', 'paused']);

const DAY_OPTIONS = [
  { value: 'off', label: 'Off: fail them at once' },
  ...Array.from({ length: DEFER_DAYS_MAX }, (_, i) => ({
    value: String(i + 1),
    label: `For ${i + 1} ${i === 0 ? 'day' : 'days'}`,
  })),
];

/**
 * The campaign's deferred retries and stop-after (issue 17 items 2–3), beside its pacing. A refusal
 * shows here, where the user acted, in the contract's words.
 */
export function DeliveryPanel({ campaign }: { campaign: Campaign }) {
  const [view, setView] = useState<DeliveryView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [stopText, setStopText] = useState('');
  const [stopError, setStopError] = useState<string | null>(null);
  const editable = EDITABLE.has(campaign.state);

  useEffect(() => {
    void api.call('campaigns.delivery', { campaignId: campaign.id }).then((r) => {
      if (r.ok) setView(r.value);
      else setError(r.error);
    });
  }, [campaign.id, campaign.state]);

  const save = async (change: Partial<Pick<DeliveryView, 'deferDays' | 'stopAfter'>>) => {
    const r = await api.call(
      'campaigns.setDelivery',
      { campaignId: campaign.id, ...change },
      { shownInPlace: true },
    );
    if (r.ok) {
      setView(r.value);
      setError(null);
      return true;
    }
    setError(r.error);
    return false;
  };

  const saveStop = async () => {
    // Whether a time is still ahead is the core's call, on its clock (campaigns.setDelivery).
    const parsed = parseStopAfter(stopText, null);
    if (!parsed.ok) return setStopError(parsed.message);
    setStopError(null);
    if (await save({ stopAfter: parsed.value })) setStopText('');
  };

  return (
    <Paper withBorder p="md" data-testid="delivery-panel" data-ready={view ? 'true' : 'false'}>
      <Title order={4} mb="xs">
        When WhatsApp limits a person, and when to stop
      </Title>
      {error && (
        <Alert color="red" mb="sm" data-testid="delivery-error" title="That did not work">
          {error.message}
        </Alert>
      )}
      {!view ? (
        <Text size="sm">Loading…</Text>
      ) : (
        <Stack gap="sm">
          <Select
            label="Retry people WhatsApp limited"
            description="WhatsApp limits how many marketing messages one person gets. They are tried again a day later, then once a day (never US numbers)."
            data={DAY_OPTIONS}
            value={view.deferDays === null ? 'off' : String(view.deferDays)}
            onChange={(v) => v && void save({ deferDays: v === 'off' ? null : Number(v) })}
            allowDeselect={false}
            disabled={!editable}
            w={360}
            data-testid="delivery-defer-days"
          />
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Stop sending after"
              description="A duration from the start (48h, 2d, 90m), a date and time with its zone (2026-12-24T18:00Z), or off"
              placeholder="48h"
              value={stopText}
              onChange={(e) => setStopText(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && void saveStop()}
              error={stopError}
              disabled={!editable}
              w={360}
              data-testid="delivery-stop-after"
            />
            <Button
              variant="default"
              disabled={!editable || stopText.trim() === ''}
              onClick={() => void saveStop()}
            >
              Save
            </Button>
          </Group>
          <Text size="sm" data-testid="delivery-stop-now">
            {stopAfterText(view, fmt())}
          </Text>
          {!editable && (
            <Text size="xs" c="dimmed">
              Pause the campaign to change these.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
