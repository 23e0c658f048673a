import { Badge, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Account, ApiError, ConnectionCheck } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { ConnectionCheckList } from './ConnectionCheckList';
import { fmt } from '../../lib/format';

/** The account's last connection check and a button to run it again. */
export function AccountConnection({ account }: { account: Account }) {
  const loadSettings = useStore((s) => s.loadSettings);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const test = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('accounts.testConnection', { accountId: account.id });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setCheck(r.value);
    await loadSettings();
  };

  const last = account.lastCheck;
  return (
    <Stack gap={4} data-testid="account-connection">
      {last === null ? (
        <Badge size="sm" variant="light" color="gray">
          Not checked
        </Badge>
      ) : last.ok ? (
        <Badge size="sm" variant="light" color="teal">
          Connected
        </Badge>
      ) : (
        <Badge size="sm" variant="light" color="red">
          Check failed
        </Badge>
      )}
      {last?.message && !check && (
        <Text size="xs" c={last.ok ? 'dimmed' : 'red'}>
          {last.message}
        </Text>
      )}
      {check &&
        (check.ok ? (
          <Text size="xs" c="teal" data-testid="connection-ok">
            Token, phone number ID and business account ID all check out
            {check.displayPhoneNumber ? ` (${fmt().phone(check.displayPhoneNumber)})` : ''}.
          </Text>
        ) : (
          // In the narrow column, only what is wrong; the full list is in the add dialog.
          <ConnectionCheckList
            check={{ ...check, items: check.items.filter((i) => i.result !== 'ok') }}
          />
        ))}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error.message}
        </Text>
      )}
      <Button
        size="xs"
        variant="default"
        loading={busy}
        onClick={() => void test()}
        aria-label={`Test connection of ${account.name}`}
        style={{ alignSelf: 'flex-start' }}
      >
        Test connection
      </Button>
    </Stack>
  );
}
