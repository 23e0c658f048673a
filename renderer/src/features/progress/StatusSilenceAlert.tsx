import { Alert, Button, List, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Campaign, StatusSilence } from '../../../../shared/api';
import { api } from '../../lib/api';

/** Often enough to notice within a minute; campaigns.status counts the campaign once per call. */
const CHECK_MS = 30_000;
const WATCHED: Campaign['state'][] = ['sending', 'paused', 'completed'];

/**
 * Says so when a campaign sent 10 minutes ago and no source has reported a single status: without a
 * relay a desktop hears nothing from Meta, and "sent" would otherwise look like success forever.
 */
export function StatusSilenceAlert({ campaign }: { campaign: Campaign }) {
  const [silence, setSilence] = useState<StatusSilence | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const watched = WATCHED.includes(campaign.state);

  const check = useCallback(async () => {
    const r = await api.call('campaigns.status', { campaignId: campaign.id });
    if (r.ok) setSilence(r.value.statusSilence ?? null);
  }, [campaign.id]);

  useEffect(() => {
    if (!watched) return;
    void check();
    const t = setInterval(() => void check(), CHECK_MS);
    return () => clearInterval(t);
  }, [watched, check]);

  if (!silence) return null;
  const checkNow = async () => {
    setBusy(true);
    const r = await api.call('campaigns.syncStatus', { campaignId: campaign.id });
    setBusy(false);
    setError(r.ok ? null : r.error);
    await check();
  };
  return (
    <Alert color="yellow" title="No delivery reports yet" data-testid="status-silence">
      <Text size="sm">{silence.message}</Text>
      <List size="sm" mt="xs">
        {silence.fixes.map((f) => (
          <List.Item key={f}>{f}</List.Item>
        ))}
      </List>
      {error && (
        <Text size="sm" c="red" role="alert" mt="xs">
          {error.message}
        </Text>
      )}
      <Button size="xs" mt="sm" variant="default" loading={busy} onClick={() => void checkNow()}>
        Check now
      </Button>
    </Alert>
  );
}
