import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { TokenStatus } from '../../../../shared/api';
import { useAccountToken } from './useAccountToken';

function describe(status: TokenStatus): string {
  switch (status.source) {
    case 'keychain':
      return 'Stored in your system keychain.';
    case 'environment':
      return `Read from the environment variable ${status.tokenEnv ?? ''}.`;
    case 'sandbox':
      return 'Not needed: the Sandbox sends nothing to Meta.';
    case 'none':
      return status.tokenEnv
        ? `Not set: the environment variable ${status.tokenEnv} is empty.`
        : 'No token yet.';
  }
}

/**
 * Paste an access token for one account. It goes straight to the core, which stores it in the OS
 * keychain; the field is cleared afterwards and the token is never shown or read back.
 */
export function AccountTokenField({
  accountId,
  accountName,
}: {
  accountId: number;
  accountName: string;
}) {
  const { status, error, busy, save } = useAccountToken(accountId);
  const [draft, setDraft] = useState('');
  if (!status)
    return error ? (
      <Text size="sm" c="red">
        {error.message}
      </Text>
    ) : null;
  if (status.source === 'sandbox')
    return (
      <Text size="sm" c="dimmed">
        {describe(status)}
      </Text>
    );

  return (
    <Stack gap={4} data-testid="account-token">
      <Text size="sm">{describe(status)}</Text>
      {status.canStore ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft).then((ok) => ok && setDraft(''));
          }}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <PasswordInput
              size="xs"
              aria-label={`Access token for ${accountName}`}
              placeholder="Paste the access token"
              autoComplete="off"
              spellCheck={false}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button size="xs" type="submit" loading={busy} disabled={draft.trim() === ''}>
              {status.source === 'keychain' ? 'Replace' : 'Save'}
            </Button>
            {status.source === 'keychain' && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={busy}
                onClick={() => void save(null)}
              >
                Remove
              </Button>
            )}
          </Group>
        </form>
      ) : (
        <Text size="xs" c="dimmed" data-testid="token-cannot-store">
          {status.cannotStoreReason}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error.message}
        </Text>
      )}
    </Stack>
  );
}
