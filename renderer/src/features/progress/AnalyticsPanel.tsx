import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Campaign, CampaignAnalytics } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { fmt } from '../../lib/format';
import { createRefreshThrottle } from './live/throttle';

/** Our own counts move with every delivery report: at most this often, longer when a read is slow. */
const OWN_COUNTS_REFRESH_MS = 2000;
const FIRST_LOAD_FALLBACK_MS = 3000;
const META_REFRESH_MS = 3000;

const ROWS = [
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'read', label: 'Read' },
] as const;

const figure = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : fmt().count(n);
const signed = (n: number | null) => (n === null ? '—' : fmt().signed(n));
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const BUTTON_KINDS: Record<string, string> = {
  url_button: 'link, all taps',
  unique_url_button: 'link, people who tapped',
  quick_reply_button: 'quick reply',
};
const buttonKind = (type: string) => BUTTON_KINDS[type] ?? type;

function daysLabel(a: CampaignAnalytics): string {
  if (!a.days) return 'no days yet';
  return a.days.from === a.days.to
    ? `${utcDay(a.days.from)} (UTC)`
    : `${utcDay(a.days.from)} to ${utcDay(a.days.to)} (UTC)`;
}

function Figures({ a }: { a: CampaignAnalytics }) {
  return (
    <Table withTableBorder striped data-testid="analytics-figures">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>Meta</Table.Th>
          <Table.Th title="Every campaign of this account that sent this template on these days">
            Campaign Desk
          </Table.Th>
          <Table.Th>Difference</Table.Th>
          <Table.Th>This campaign</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ROWS.map(({ key, label }) => (
          <Table.Tr key={key}>
            <Table.Td>{label}</Table.Td>
            <Table.Td data-testid={`analytics-meta-${key}`}>{figure(a.meta?.[key])}</Table.Td>
            <Table.Td data-testid={`analytics-ours-${key}`}>{figure(a.ours[key])}</Table.Td>
            <Table.Td data-testid={`analytics-diff-${key}`}>
              <Text span c={a.differences[key] ? 'orange' : undefined} size="sm">
                {signed(a.differences[key])}
              </Text>
            </Table.Td>
            <Table.Td>{figure(a.campaign[key])}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Meta's template analytics next to our own counts, with button clicks (which only Meta sees), when
 * they were fetched, why the figures can differ, and the refresh and opt-in actions.
 */
export function AnalyticsPanel({ campaign }: { campaign: Campaign }) {
  const state = useStore((s) => (s.analytics?.campaignId === campaign.id ? s.analytics : null));
  const { loadAnalytics, refreshAnalytics, enableAnalytics } = useStore.getState();
  const [confirming, setConfirming] = useState(false);
  const sending = campaign.state === 'sending';

  // Our side of the comparison reads every send of those days (about a second at a million rows, on
  // the core's thread): it waits until the recipient table's first page is there, or a few seconds.
  const tableReady = useStore((s) => s.table?.campaignId === campaign.id && !s.table.loading);
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (tableReady) return setStarted(true);
    const t = setTimeout(() => setStarted(true), FIRST_LOAD_FALLBACK_MS);
    return () => clearTimeout(t);
  }, [tableReady]);

  useEffect(() => {
    if (!started) return;
    void loadAnalytics(campaign.id);
    // New figures from Meta show within seconds; our own counts move with every delivery report,
    // also those landing after sending ends, paced by what the read costs (createRefreshThrottle).
    const load = () => loadAnalytics(campaign.id);
    const meta = createRefreshThrottle({ load, minMs: META_REFRESH_MS });
    const own = createRefreshThrottle({ load, minMs: OWN_COUNTS_REFRESH_MS });
    const off = api.subscribe('db.changed', ({ tables, campaignId }) => {
      if (tables.includes('template_analytics') || tables.includes('accounts')) meta.mark();
      if (tables.includes('recipients') && (campaignId === undefined || campaignId === campaign.id))
        own.mark();
    });
    return () => {
      off();
      meta.stop();
      own.stop();
    };
  }, [campaign.id, loadAnalytics, sending, started]);

  const a = state?.value ?? null;
  const busy = state?.busy ?? null;
  const blocked = a?.explanations.find(
    (e) => e.code === 'not_enabled' || e.code === 'unsupported_region',
  );
  const canEnable = a !== null && blocked?.code === 'not_enabled';
  return (
    <Paper
      withBorder
      p="md"
      data-testid="analytics-panel"
      data-state={a ? a.health.state : 'loading'}
      data-meta-state={a?.health.metaState ?? ''}
      data-busy={busy ?? ''}
      data-fetched={a?.fetched?.newest ?? ''}
    >
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Analytics cross-check</Title>
          {a && (
            <Text size="xs" c="dimmed">
              Meta's own daily figures for{' '}
              {a.templates.map((t) => `${t.name} (${t.language})`).join(', ') ||
                "this campaign's template"}
              , {daysLabel(a)}, next to ours.
            </Text>
          )}
        </div>
        <Group gap="xs">
          {canEnable && !confirming && (
            <Button
              size="xs"
              variant="light"
              onClick={() => setConfirming(true)}
              data-testid="analytics-enable"
            >
              Enable template analytics
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            loading={busy === 'refreshing'}
            disabled={busy !== null || blocked?.code === 'unsupported_region'}
            onClick={() => void refreshAnalytics(campaign.id)}
            data-testid="analytics-refresh"
          >
            Refresh
          </Button>
        </Group>
      </Group>

      {confirming && (
        <Alert
          color="yellow"
          title="Enable template analytics?"
          mb="sm"
          data-testid="analytics-enable-confirm"
        >
          <Text size="sm">
            This switches template analytics on at Meta for the whole WhatsApp Business Account, for
            every app and person using it. Meta cannot switch them off again. Campaign Desk then
            fetches Meta's daily sent, delivered, read and click counts for your templates (a few
            calls an hour).
          </Text>
          <Group gap="xs" mt="xs">
            <Button
              size="xs"
              color="yellow"
              loading={busy === 'enabling'}
              onClick={() => {
                setConfirming(false);
                void enableAnalytics(campaign.id);
              }}
              data-testid="analytics-enable-yes"
            >
              Enable for this account
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </Group>
        </Alert>
      )}

      {state?.error && (
        <Alert color="red" mb="sm" data-testid="analytics-error">
          {state.error.message}
        </Alert>
      )}

      {a && (
        <Stack gap="sm">
          {!blocked && <Figures a={a} />}
          {a.meta && (
            <div data-testid="analytics-clicks">
              <Text size="sm" fw={600}>
                Button clicks (counted by Meta)
              </Text>
              {a.meta.clicks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  None reported: only URL and quick-reply buttons of marketing and utility templates
                  are counted.
                </Text>
              ) : (
                <Group gap="md">
                  {a.meta.clicks.map((c) => (
                    <Group
                      key={`${c.type}|${c.button}`}
                      gap={4}
                      data-testid="analytics-click"
                      data-button={c.button}
                      data-count={c.count}
                    >
                      <Text size="sm">{c.button}</Text>
                      <Text size="xs" c="dimmed">
                        ({buttonKind(c.type)})
                      </Text>
                      <Badge variant="light">{fmt().count(c.count)}</Badge>
                    </Group>
                  ))}
                </Group>
              )}
            </div>
          )}
          {a.meta?.cost.map((c) =>
            c.type === 'amount_spent' ? (
              <Text key={c.type} size="sm" data-testid="analytics-cost">
                Amount spent according to Meta: {fmt().decimal(c.value, 4)} (the account's currency;
                not an invoice)
              </Text>
            ) : null,
          )}
          <Text size="xs" c="dimmed" data-testid="analytics-fetched">
            {a.fetched
              ? `Meta's figures fetched ${fmt().date(a.fetched.newest)}`
              : 'Not fetched from Meta yet.'}
            {a.health.lastSuccessAt && a.health.state !== 'off' && a.health.nextPollAt
              ? ` · next try ${fmt().date(a.health.nextPollAt, 'time')}`
              : ''}
          </Text>
          <Stack gap={4}>
            {a.explanations.map((e) => (
              <Text key={e.code} size="sm" data-testid="analytics-explanation" data-code={e.code}>
                {e.text}
              </Text>
            ))}
          </Stack>
        </Stack>
      )}
    </Paper>
  );
}
