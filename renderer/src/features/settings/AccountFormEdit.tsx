import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Account, ApiError } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { fieldErrors, LimitField, RateField, type LimitValue } from './AccountFormFields';

/** Edit an account's name, rate, messaging limit and token variable (ids are the number's identity: add another account instead). */
export function AccountFormEdit({ account }: { account: Account }) {
  const loadSettings = useStore((s) => s.loadSettings);
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState(account.name);
  const [rate, setRate] = useState<number | string>(account.ratePerSecond);
  const [limit, setLimit] = useState<LimitValue>(account.messagingLimit as LimitValue);
  const [tokenEnv, setTokenEnv] = useState(account.tokenEnv ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  const open = () => {
    setName(account.name);
    setRate(account.ratePerSecond);
    setLimit(account.messagingLimit as LimitValue);
    setTokenEnv(account.tokenEnv ?? '');
    setError(null);
    setOpened(true);
  };

  const save = async () => {
    setBusy(true);
    const r = await api.call(
      'accounts.update',
      {
        id: account.id,
        name,
        ...(typeof rate === 'number' ? { ratePerSecond: rate } : {}),
        messagingLimit: limit,
        ...(account.kind === 'cloud' ? { tokenEnv: tokenEnv.trim() ? tokenEnv.trim() : null } : {}),
      },
      { shownInPlace: true },
    );
    setBusy(false);
    if (!r.ok) return setError(r.error);
    await loadSettings();
    setOpened(false);
  };

  return (
    <>
      <Button size="xs" variant="default" onClick={open} aria-label={`Edit ${account.name}`}>
        Edit
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Edit ${account.name}`}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack>
            <TextInput
              label="Name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
              maxLength={120}
              data-autofocus
            />
            <RateField value={rate} onChange={setRate} error={errors.ratePerSecond} />
            <LimitField value={limit} onChange={setLimit} error={errors.messagingLimit} />
            {account.kind === 'cloud' && (
              <TextInput
                label="Token environment variable"
                description="Where the browser shell and the CLI read the access token; empty for none (the desktop app's keychain still works)."
                placeholder="WA_TOKEN"
                value={tokenEnv}
                onChange={(e) => setTokenEnv(e.currentTarget.value)}
                error={errors.tokenEnv}
                autoComplete="off"
                spellCheck={false}
              />
            )}
            {error && Object.keys(errors).length === 0 && (
              <Alert color="red">{error.message}</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
