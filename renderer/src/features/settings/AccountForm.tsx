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
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, ConnectionCheck } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { countryOptions } from '../audience/countries';
import { fieldErrors, LimitField, RateField, type LimitValue } from './AccountFormFields';
import { ConnectionCheckList } from './ConnectionCheckList';
import { VaultKeyModal } from './VaultKeyModal';
import { DEFAULT_MESSAGING_LIMIT } from '../../../../shared/domain/limits';

interface Draft {
  name: string;
  phoneNumberId: string;
  wabaId: string;
  token: string;
  tokenEnv: string;
  baseUrl: string;
  rate: number | string;
  limit: LimitValue;
  /** Untouched, the limit is not sent: the core records Meta's starting 250 as a default it replaces with Meta's figure. */
  limitChosen: boolean;
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
  // Meta starts every new business portfolio at 250; "Unlimited" would let the first campaign
  // run into Meta's own refusal. "Test connection" reads the real tier afterwards.
  limit: DEFAULT_MESSAGING_LIMIT,
  limitChosen: false,
  country: null,
};

/**
 * "Add account": a WhatsApp Business phone number of the user's own, next to the Sandbox. The
 * pasted token goes to accounts.setToken once the account exists (the system keychain in the
 * desktop app, the encrypted token file in the browser shell), then the connection is tested and
 * what is wrong, if anything, is named before the dialog closes.
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
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [vaultKey, setVaultKey] = useState<string | null>(null);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (check) result.current?.scrollIntoView({ block: 'start' });
  }, [check]);
  const errors = fieldErrors(error);
  const keychain = shell === 'electron';
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const open = () => {
    setDraft(EMPTY);
    setError(null);
    setTokenError(null);
    setCheck(null);
    setAdvanced(false);
    setOpened(true);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    setTokenError(null);
    const r = await api.call(
      'accounts.add',
      {
        name: draft.name,
        phoneNumberId: draft.phoneNumberId.trim(),
        wabaId: draft.wabaId.trim(),
        ...(draft.tokenEnv.trim() ? { tokenEnv: draft.tokenEnv.trim() } : {}),
        ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
        ...(typeof draft.rate === 'number' ? { ratePerSecond: draft.rate } : {}),
        ...(draft.limitChosen ? { messagingLimit: draft.limit } : {}),
        ...(draft.country ? { defaultCountry: draft.country } : {}),
      },
      { shownInPlace: true },
    );
    if (!r.ok) {
      setBusy(false);
      setError(r.error);
      return;
    }
    if (draft.token.trim()) {
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
      if (t.value.newVaultKey) setVaultKey(t.value.newVaultKey);
    }
    // The pasted token leaves the form as soon as it is stored.
    setDraft((d) => ({ ...d, token: '' }));
    const c = await api.call('accounts.testConnection', { accountId: r.value.id });
    setBusy(false);
    await loadSettings();
    if (c.ok) setCheck(c.value);
    else setOpened(false);
  };
  const added = check !== null || tokenError !== null;

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
            {check && (
              // At the top: the answer to "Add account" is what the user looks for next.
              <Alert
                ref={result}
                color={check.ok ? 'teal' : 'red'}
                title={check.ok ? 'Connected' : 'The account was added, but it cannot send yet'}
              >
                <ConnectionCheckList check={check} />
              </Alert>
            )}
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
            <PasswordInput
              label="Access token"
              description={`A permanent token of a system user with whatsapp_business_messaging and whatsapp_business_management. ${keychain ? 'Stored in your system keychain' : 'Stored encrypted in the data folder'}, never shown again.`}
              value={draft.token}
              onChange={(e) => set('token', e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              error={tokenError}
            />
            <RateField
              value={draft.rate}
              onChange={(v) => set('rate', v)}
              error={errors.ratePerSecond}
            />
            <LimitField
              value={draft.limit}
              onChange={(v) => {
                set('limit', v);
                set('limitChosen', true);
              }}
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
                <TextInput
                  label="Or: token environment variable"
                  description="For servers and the CLI: read the token from this environment variable of the process instead. Its name, not the token."
                  placeholder="WA_TOKEN"
                  value={draft.tokenEnv}
                  onChange={(e) => set('tokenEnv', e.currentTarget.value)}
                  error={errors.tokenEnv}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Stack>
            </Collapse>
            {error && Object.keys(errors).length === 0 && (
              <Alert color="red" role="alert">
                {error.message}
              </Alert>
            )}
            {!check && (
              <Text size="xs" c="dimmed">
                Adding the account tests the token, the phone number ID and the business account ID
                with Meta (nothing is sent to anyone).
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {added ? 'Close' : 'Cancel'}
              </Button>
              {!added && (
                <Button type="submit" loading={busy}>
                  Add account
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Modal>
      <VaultKeyModal vaultKey={vaultKey} onClose={() => setVaultKey(null)} />
    </>
  );
}
