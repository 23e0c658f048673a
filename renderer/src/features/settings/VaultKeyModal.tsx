import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';

/**
 * The browser shell's token key, shown this one time (the core keeps no copy on disk). Closing
 * needs a tick: the key is the only way to open the stored tokens after a restart.
 */
export function VaultKeyModal({
  vaultKey,
  onClose,
}: {
  vaultKey: string | null;
  onClose: () => void;
}) {
  const [kept, setKept] = useState(false);
  return (
    <Modal
      opened={vaultKey !== null}
      onClose={() => kept && onClose()}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title="Keep this token key"
      size="lg"
      centered
    >
      <Stack>
        <Text size="sm">
          Your access token is stored encrypted in the data folder. This key opens it. It is shown
          only now and Campaign Desk does not keep it anywhere: after a restart you type it in
          Settings › Accounts (or start <Code>campaign-desk serve</Code> with{' '}
          <Code>CAMPAIGN_DESK_VAULT_KEY</Code> set to it).
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code
            block
            data-testid="vault-key"
            style={{ flex: 1, fontSize: 14, whiteSpace: 'normal', wordBreak: 'break-word' }}
          >
            {vaultKey}
          </Code>
          <CopyButton value={vaultKey ?? ''}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Alert color="yellow" variant="light">
          Store it in your password manager. Lost it? Tokens can be pasted again; nothing else is
          lost.
        </Alert>
        <Checkbox
          label="I have stored the key somewhere safe"
          checked={kept}
          onChange={(e) => setKept(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button disabled={!kept} onClick={onClose}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
