import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import { useStore } from '../../store';

/**
 * An account's default quiet hours: new campaigns of this account start with them (in each
 * recipient's own time zone); a campaign can change its own afterwards.
 */
export function AccountQuietHours({
  accountId,
  accountName,
}: {
  accountId: number;
  accountName: string;
}) {
  const defaults = useStore((s) => s.accountPacing.find((a) => a.accountId === accountId));
  const [from, setFrom] = useState('21:00');
  const [to, setTo] = useState('08:00');
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // Loaded once for all rows; again when an account appears that the cache does not know yet.
  const missing = defaults === undefined;
  useEffect(() => {
    if (missing) void useStore.getState().loadAccountPacing();
  }, [missing, accountId]);
  useEffect(() => {
    if (defaults?.quietHours) {
      setFrom(defaults.quietHours.from);
      setTo(defaults.quietHours.to);
    }
  }, [defaults?.quietHours]);

  const save = async (value: { from: string; to: string } | null) => {
    setBusy(true);
    const e = await useStore.getState().saveAccountQuietHours(accountId, value);
    setBusy(false);
    setError(e);
    if (!e) setEditing(false);
  };

  if (!editing) {
    return (
      <Group gap="xs" data-testid="account-quiet-hours">
        <Text size="sm">
          {defaults?.quietHours ? `${defaults.quietHours.from}–${defaults.quietHours.to}` : 'None'}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={`Change the default quiet hours of ${accountName}`}
          onClick={() => setEditing(true)}
        >
          Change
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={4} data-testid="account-quiet-hours">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          size="xs"
          type="time"
          aria-label={`Quiet hours of ${accountName} from`}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={100}
        />
        <Text size="xs">to</Text>
        <TextInput
          size="xs"
          type="time"
          aria-label={`Quiet hours of ${accountName} to`}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={100}
        />
      </Group>
      <Group gap="xs">
        <Button
          size="compact-xs"
          loading={busy}
          disabled={!from || !to}
          onClick={() => void save({ from, to })}
        >
          Save
        </Button>
        {defaults?.quietHours && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            disabled={busy}
            onClick={() => void save(null)}
          >
            None
          </Button>
        )}
        <Button
          size="compact-xs"
          variant="default"
          disabled={busy}
          onClick={() => setEditing(false)}
        >
          Cancel
        </Button>
      </Group>
      {error && (
        <Text size="xs" c="red">
          {error.message}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        New campaigns of this account start with these, in each recipient’s own time zone.
      </Text>
    </Stack>
  );
}
