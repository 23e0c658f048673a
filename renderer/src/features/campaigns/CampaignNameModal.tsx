import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Account } from '../../../../shared/api';
import { defaultAccountFor } from '../../../../shared/domain/accounts';
import { useStore } from '../../store';
import { fmt } from '../../lib/format';

interface Props {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialName?: string;
  /** "New campaign": with more than one account, ask which number it sends from (fixed once it leaves draft). */
  chooseAccount?: boolean;
  onClose: () => void;
  /** Returns an error message to show, or null when done. */
  onSubmit: (name: string, accountId?: number) => Promise<string | null>;
}

const accountLabel = (a: Account) =>
  a.kind === 'sandbox'
    ? `${a.name} (simulated, sends nothing)`
    : `${a.name} · ${a.displayPhoneNumber ? fmt().phone(a.displayPhoneNumber) : `ID ${a.phoneNumberId}`}${a.lastCheck?.ok === false ? ' — connection check failed' : ''}`;

/** One dialog for "new campaign" and "rename": same field, same rules, same errors. */
export function CampaignNameModal({
  opened,
  title,
  submitLabel,
  initialName = '',
  chooseAccount = false,
  onClose,
  onSubmit,
}: Props) {
  const accounts = useStore((s) => s.accounts);
  const [name, setName] = useState(initialName);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const showAccounts = chooseAccount && accounts.length > 1;

  useEffect(() => {
    if (opened) {
      setName(initialName);
      setError(null);
      const d = defaultAccountFor(accounts);
      setAccountId(d ? String(d.id) : null);
    }
    // Only when the dialog opens (accounts left out on purpose): a refetch must not undo the user's choice.
  }, [opened, initialName]);

  const submit = async () => {
    setBusy(true);
    const message = await onSubmit(name, showAccounts && accountId ? Number(accountId) : undefined);
    setBusy(false);
    if (message) setError(message);
    else onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <TextInput
            label="Campaign name"
            placeholder="e.g. Spring sale reminder"
            description="Only you see this name; customers never do."
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
            maxLength={200}
          />
          {showAccounts && (
            <Select
              label="Send from"
              description="The WhatsApp number this campaign sends from. It cannot change once the campaign is sent."
              data={accounts.map((a) => ({ value: String(a.id), label: accountLabel(a) }))}
              value={accountId}
              onChange={setAccountId}
              allowDeselect={false}
              data-testid="campaign-account"
            />
          )}
        </Stack>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
