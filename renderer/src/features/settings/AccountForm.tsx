import {
  Alert,
  Anchor,
  Button,
  Collapse,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { countryOptions } from '../audience/countries';
import { fieldErrors, LimitField, RateField, type LimitValue } from './AccountFormFields';

interface Draft {
  name: string;
  phoneNumberId: string;
  wabaId: string;
  token: string;
  tokenEnv: string;
  baseUrl: string;
  rate: number | string;
  limit: LimitValue;
  country: string | null;
}

const EMPTY: Draft = {
  name: '',
  phoneNumberId: '',
  wabaId: '',
  token: '',
  tokenEnv: '',
  baseUrl: '',
  rate: 80,
  limit: null,
  country: null,
};

/**
 * "Add account": a WhatsApp Business phone number of the user's own, next to the Sandbox. In the
 * desktop app the token goes to the system keychain (accounts.setToken, once the account exists);
 * in the browser shell it is read from an environment variable, so only its name is asked for.
 */
export function AccountForm() {
  const shell = useStore((s) => s.appInfo?.shell ?? 'headless');
  const loadSettings = useStore((s) => s.loadSettings);
  const countries = useMemo(() => countryOptions(), []);
  const [opened, setOpened] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const keychain = shell === 'electron';
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const open = () => {
    setDraft(EMPTY);
    setError(null);
    setTokenError(null);
    setAdvanced(false);
    setOpened(true);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    setTokenError(null);
    const r = await api.call('accounts.add', {
      name: draft.name,
      phoneNumberId: draft.phoneNumberId.trim(),
      wabaId: draft.wabaId.trim(),
      ...(draft.tokenEnv.trim() ? { tokenEnv: draft.tokenEnv.trim() } : {}),
      ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
      ...(typeof draft.rate === 'number' ? { ratePerSecond: draft.rate } : {}),
      messagingLimit: draft.limit,
      ...(draft.country ? { defaultCountry: draft.country } : {}),
    });
    if (!r.ok) {
      setBusy(false);
      setError(r.error);
      return;
    }
    if (keychain && draft.token.trim()) {
      const t = await api.call('accounts.setToken', {
        accountId: r.value.id,
        token: draft.token.trim(),
      });
      if (!t.ok) {
        // The account exists; the token can be pasted again in the table.
        setBusy(false);
        setTokenError(`The account was added, but the token was not stored: ${t.error.message}`);
        await loadSettings();
        return;
      }
    }
    setBusy(false);
    await loadSettings();
    setOpened(false);
  };

  return (
    <>
      <Button size="xs" onClick={open}>
        Add account
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Add a WhatsApp Business number"
        size="lg"
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <TextInput
              label="Name"
              placeholder="e.g. Shop main number"
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              data-autofocus
              maxLength={120}
            />
            <TextInput
              label="Phone number ID"
              description="Not the phone number: the long ID shown under it in WhatsApp Manager › Phone numbers, or in your Meta app's WhatsApp › API Setup."
              placeholder="e.g. 106540352242922"
              value={draft.phoneNumberId}
              onChange={(e) => set('phoneNumberId', e.currentTarget.value)}
              error={errors.phoneNumberId}
              inputMode="numeric"
            />
            <TextInput
              label="WhatsApp Business Account ID"
              description="Also a long number, on the same API Setup page (used to sync your templates)."
              placeholder="e.g. 102290129340398"
              value={draft.wabaId}
              onChange={(e) => set('wabaId', e.currentTarget.value)}
              error={errors.wabaId}
              inputMode="numeric"
            />
            {keychain ? (
              <PasswordInput
                label="Access token"
                description="A permanent token of a system user with whatsapp_business_messaging. Stored in your system keychain, never shown again."
                value={draft.token}
                onChange={(e) => set('token', e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
                error={tokenError}
              />
            ) : (
              <TextInput
                label="Token environment variable"
                description="The browser shell reads the access token from this environment variable of `campaign-desk serve`; type its name, not the token."
                placeholder="WA_TOKEN"
                value={draft.tokenEnv}
                onChange={(e) => set('tokenEnv', e.currentTarget.value)}
                error={errors.tokenEnv}
                autoComplete="off"
                spellCheck={false}
              />
            )}
            <RateField
              value={draft.rate}
              onChange={(v) => set('rate', v)}
              error={errors.ratePerSecond}
            />
            <LimitField
              value={draft.limit}
              onChange={(v) => set('limit', v)}
              error={errors.messagingLimit}
            />
            <Select
              label="Country of your customers"
              description="Used for numbers in your files written without +country code."
              data={countries}
              value={draft.country}
              onChange={(v) => set('country', v)}
              searchable
              clearable
              error={errors.defaultCountry}
            />
            <Anchor
              component="button"
              type="button"
              size="sm"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setAdvanced((a) => !a)}
            >
              {advanced ? 'Hide advanced settings' : 'Advanced settings'}
            </Anchor>
            <Collapse expanded={advanced}>
              <Stack>
                <TextInput
                  label="API address"
                  description="Leave empty for Meta (https://graph.facebook.com). A test server or proxy of your own goes here."
                  placeholder="https://graph.facebook.com"
                  value={draft.baseUrl}
                  onChange={(e) => set('baseUrl', e.currentTarget.value)}
                  error={errors.baseUrl}
                />
                {keychain && (
                  <TextInput
                    label="Or: token environment variable"
                    description="Instead of the keychain, read the token from this environment variable."
                    placeholder="WA_TOKEN"
                    value={draft.tokenEnv}
                    onChange={(e) => set('tokenEnv', e.currentTarget.value)}
                    error={errors.tokenEnv}
                  />
                )}
              </Stack>
            </Collapse>
            {error && Object.keys(errors).length === 0 && (
              <Alert color="red" role="alert">
                {error.message}
              </Alert>
            )}
            <Text size="xs" c="dimmed">
              Nothing is sent when you add the account; the first send checks the token and the
              phone number ID.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {tokenError ? 'Close' : 'Cancel'}
              </Button>
              <Button type="submit" loading={busy} disabled={!!tokenError}>
                Add account
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
