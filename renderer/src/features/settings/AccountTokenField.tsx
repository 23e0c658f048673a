import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { TokenStatus } from '../../../../shared/api';
import { useAccountToken } from './useAccountToken';
import { VaultKeyModal } from './VaultKeyModal';

function describe(status: TokenStatus): string {
  switch (status.source) {
    case 'keychain':
      return 'Stored in your system keychain.';
    case 'vault':
      return status.vault === 'locked'
        ? 'Stored encrypted, locked since the restart.'
        : 'Stored encrypted in the data folder.';
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
 * Paste an access token for one account. It goes straight to the core, which stores it encrypted
 * (OS keychain, or the browser shell's token file); the field is cleared afterwards and the token
 * is never shown or read back.
 */
export function AccountTokenField({
  accountId,
  accountName,
}: {
  accountId: number;
  accountName: string;
}) {
  const token = useAccountToken(accountId);
  const { status, error, busy } = token;
  const [draft, setDraft] = useState('');
  const [key, setKey] = useState('');
  const [confirmReset, setConfirmReset] = useState(false);
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
  const stored = status.source === 'keychain' || status.source === 'vault';

  return (
    <Stack gap={4} data-testid="account-token">
      <Text size="sm">{describe(status)}</Text>
      {status.vault === 'locked' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void token.unlock(key).then((ok) => ok && setKey(''));
          }}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              size="xs"
              aria-label="Token key"
              placeholder="Type the token key (XXXX-XXXX-…)"
              autoComplete="off"
              spellCheck={false}
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button size="xs" type="submit" loading={busy} disabled={key.trim() === ''}>
              Unlock
            </Button>
          </Group>
          {confirmReset ? (
            <Group gap="xs" mt={4}>
              <Text size="xs">Forget every stored token? You will paste them again.</Text>
              <Button size="compact-xs" color="red" onClick={() => void token.reset()}>
                Forget tokens
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setConfirmReset(false)}>
                Keep
              </Button>
            </Group>
          ) : (
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => setConfirmReset(true)}
            >
              Lost the key?
            </Anchor>
          )}
        </form>
      ) : status.canStore ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void token.save(draft).then((ok) => ok && setDraft(''));
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
              {stored ? 'Replace' : 'Save'}
            </Button>
            {stored && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={busy}
                onClick={() => void token.save(null)}
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
      <VaultKeyModal vaultKey={token.newVaultKey} onClose={token.clearNewVaultKey} />
    </Stack>
  );
}
