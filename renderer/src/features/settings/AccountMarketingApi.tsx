import { Button, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Account, ApiError, MarketingApiSetting, MmPolicy } from '../../../../shared/api';
import { marketingRouteText } from '../../../../shared/domain/accounts/marketing-route';
import { api } from '../../lib/api';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';

const METHODS: { value: MarketingApiSetting; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'on', label: 'Marketing Messages API' },
  { value: 'off', label: 'Cloud API' },
];
const POLICIES: { value: MmPolicy; label: string }[] = [
  { value: 'fallback', label: 'Fall back to Cloud API' },
  { value: 'strict', label: 'Marketing Messages API only' },
];

/**
 * How the account sends marketing templates (issue 17): through Meta's Marketing Messages API,
 * the Cloud API, or automatically once WhatsApp says the account is onboarded. Utility and
 * authentication templates always use the Cloud API. Saved at once, like the quiet hours.
 */
export function AccountMarketingApi({ account }: { account: Account }) {
  const loadSettings = useStore((s) => s.loadSettings);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<{ ok: boolean; error?: ApiError }>) => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    setError(r.ok ? null : (r.error ?? null));
    await loadSettings();
  };
  // Refusals show under the controls the user touched, not at the top of the page as well.
  const update = (input: { marketingApi?: MarketingApiSetting; mmPolicy?: MmPolicy }) =>
    run(() => api.call('accounts.update', { id: account.id, ...input }, { shownInPlace: true }));
  const check = () =>
    run(() =>
      api.call('accounts.checkMarketingApi', { accountId: account.id }, { shownInPlace: true }),
    );

  return (
    <Stack gap={4} data-testid="account-marketing-api">
      <Select
        size="xs"
        aria-label={`How ${account.name} sends marketing messages`}
        data={METHODS}
        value={account.marketingApi}
        allowDeselect={false}
        disabled={busy}
        onChange={(v) => v && void update({ marketingApi: v })}
        w={200}
      />
      {account.marketingApi !== 'off' && (
        <Select
          size="xs"
          aria-label={`When the Marketing Messages API cannot send for ${account.name}`}
          data={POLICIES}
          value={account.mmPolicy}
          allowDeselect={false}
          disabled={busy}
          onChange={(v) => v && void update({ mmPolicy: v })}
          w={200}
        />
      )}
      <Text size="xs" c="dimmed" maw={200} data-testid="account-marketing-route">
        {marketingRouteText(account)}
      </Text>
      <Button
        size="compact-xs"
        variant="subtle"
        w="fit-content"
        loading={busy}
        onClick={() => void check()}
      >
        Check onboarding
      </Button>
      {account.mmCheckedAt !== null && (
        <Text size="xs" c="dimmed" maw={200}>
          WhatsApp says: {account.mmOnboarding ?? 'no answer'} ({fmt().date(account.mmCheckedAt)})
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" maw={200} role="alert" data-testid="account-marketing-error">
          {error.message}
        </Text>
      )}
    </Stack>
  );
}
