import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Account, ApiError, SourceHealth, StatusSources } from '../../../../shared/api';
import { api } from '../../lib/api';
import { fmt, noun } from '../../lib/format';

const NAMES: Record<SourceHealth['source'], string> = {
  sandbox: 'Sandbox (simulated)',
  relay: 'Webhook relay',
  history: "WhatsApp's message history",
};

const STATES: Record<SourceHealth['state'], { label: string; color: string }> = {
  ok: { label: 'Working', color: 'teal' },
  failing: { label: 'Failing', color: 'red' },
  idle: { label: 'Not asked yet', color: 'gray' },
  unproven: { label: 'Not proven yet', color: 'yellow' },
  off: { label: 'Off', color: 'gray' },
};

function stateOf(h: SourceHealth) {
  if (!h.configured) return { label: 'Not set up', color: 'gray' };
  return STATES[h.state];
}

function details(h: SourceHealth, s: StatusSources): string {
  const f = fmt();
  const parts: string[] = [];
  if (h.lastSuccessAt) parts.push(`last answer ${f.date(h.lastSuccessAt)}`);
  if (h.observations) parts.push(`${f.countOf(h.observations, noun('report'))} so far`);
  if (h.budgetPerHour !== null && h.state !== 'off')
    parts.push(
      `${h.callsThisHour ?? 0} of ${h.budgetPerHour} calls this hour${s.historyBudgetAuto ? ' (sized by your campaigns)' : ''}`,
    );
  return parts.join(' · ');
}

/**
 * Where an account's delivery reports come from and how each source is doing: a desktop has no
 * public address for Meta's webhooks, so a relay (or the message history) has to bring them.
 */
export function DeliveryReports({ account }: { account: Account }) {
  const [sources, setSources] = useState<StatusSources | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [url, setUrl] = useState('');
  const [tokenEnv, setTokenEnv] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('accounts.statusSources', { accountId: account.id }).then((r) => {
      if (!r.ok) return setError(r.error);
      setSources(r.value);
      setUrl(r.value.relayUrl ?? '');
      setTokenEnv(r.value.relayTokenEnv ?? '');
    });
    return api.subscribe('status.sync', (e) => {
      if (e.accountId === account.id) setSources((s) => (s ? { ...s, sources: e.sources } : s));
    });
  }, [account.id]);

  const save = async (changes: {
    relayUrl?: string | null;
    relayTokenEnv?: string | null;
    historyEnabled?: boolean;
  }) => {
    setBusy(true);
    // The refusal shows in this panel's alert, where the user saved, not at the top as well.
    const r = await api.call(
      'accounts.setStatusSources',
      { accountId: account.id, ...changes },
      { shownInPlace: true },
    );
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setSources(r.value);
  };

  const sandbox = account.kind === 'sandbox';
  const shown = (sources?.sources ?? []).filter((h) => (sandbox ? true : h.source !== 'sandbox'));
  return (
    <Paper
      withBorder
      p="md"
      data-testid="delivery-reports"
      aria-label={`Delivery reports of ${account.name}`}
    >
      <Title order={5} mb="xs">
        Delivery reports · {account.name}
      </Title>
      {error && (
        <Alert color="red" mb="xs" role="alert">
          {error.message}
        </Alert>
      )}
      <Table>
        <Table.Tbody>
          {shown.map((h) => {
            const st = stateOf(h);
            return (
              <Table.Tr key={h.source} data-testid={`source-${h.source}`}>
                <Table.Td w={220}>{NAMES[h.source]}</Table.Td>
                <Table.Td w={130}>
                  <Badge size="sm" variant="light" color={st.color}>
                    {st.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {details(h, sources!)}
                  </Text>
                  {h.lastError && h.state !== 'ok' && h.state !== 'off' && (
                    <Text size="xs" c="red">
                      {h.lastError}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {!sandbox && sources && (
        <Stack gap="xs" mt="sm">
          <Switch
            label="Read WhatsApp's message history (used once Meta has answered for this account)"
            checked={sources.historyEnabled}
            disabled={busy}
            onChange={(e) => void save({ historyEnabled: e.currentTarget.checked })}
          />
          <Text size="sm">
            The webhook relay is the dependable source: it receives Meta&apos;s webhooks on a public
            address and the app reads them. Run it as described in{' '}
            <Code>docs/operations/relay.md</Code>, point your Meta app&apos;s webhook at it, then
            give its address and the name of the environment variable holding its read token.
          </Text>
          <Group align="end" gap="xs">
            <TextInput
              size="xs"
              label="Relay address"
              placeholder="https://relay.example.com"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              w={260}
            />
            <TextInput
              size="xs"
              label="Read token variable"
              placeholder="RELAY_READ_TOKEN"
              value={tokenEnv}
              onChange={(e) => setTokenEnv(e.currentTarget.value)}
              w={200}
            />
            <Button
              size="xs"
              loading={busy}
              onClick={() =>
                void save({ relayUrl: url.trim() || null, relayTokenEnv: tokenEnv.trim() || null })
              }
            >
              Save relay
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
