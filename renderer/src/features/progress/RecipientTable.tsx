import {
  Alert,
  Badge,
  Box,
  Group,
  Loader,
  Paper,
  ScrollArea,
  SegmentedControl,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { RecipientCounts, RecipientState, RecipientStatus } from '../../../../shared/api';
import { useStore } from '../../store';
import { RECIPIENT_FILTERS, type RecipientFilter } from '../../store/slices/progress';
import { fmt } from '../../lib/format';
import { figureCount } from './figures';
import { nextTry } from '../send/DeliveryWaiting';

const ROW_HEIGHT = 34;
/** Load the next page when the user is this many rows from the end of what is loaded. */
const PREFETCH_ROWS = 40;
const MAX_FIELD_COLUMNS = 4;

const STATE_COLOR: Record<RecipientState, string> = {
  pending: 'gray',
  sending: 'blue',
  sent: 'blue',
  delivered: 'teal',
  read: 'green',
  failed: 'red',
  skipped: 'gray',
  unknown: 'orange',
  expired: 'yellow',
};

const STATE_LABEL: Record<RecipientState, string> = {
  pending: 'waiting',
  sending: 'sending',
  sent: 'accepted',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  skipped: 'skipped',
  unknown: 'unknown',
  expired: 'expired',
};

/** A recipient WhatsApp's per-user limit deferred waits for its next try, not just "waiting". */
function StateBadge({ r }: { r: RecipientStatus }) {
  if (r.nextTryAt)
    return (
      <Badge
        size="sm"
        variant="light"
        color="grape"
        maw="100%"
        title={`Limited by WhatsApp — ${nextTry(r.nextTryAt)}`}
        data-testid="recipient-deferred"
      >
        Limited by WhatsApp
      </Badge>
    );
  return (
    <Badge size="sm" variant="light" color={STATE_COLOR[r.state as RecipientState] ?? 'gray'}>
      {STATE_LABEL[r.state as RecipientState] ?? r.state}
    </Badge>
  );
}

function when(r: RecipientStatus): string {
  if (r.nextTryAt) return nextTry(r.nextTryAt);
  const at = r.readAt ?? r.failedAt ?? r.deliveredAt ?? r.sentAt;
  return at ? fmt().date(at, 'dateTimeSeconds') : '';
}

function filterCount(filter: RecipientFilter, counts: RecipientCounts): number {
  return filter === 'all' ? counts.total : figureCount(filter, counts);
}

/**
 * Every recipient, smooth at a million rows: only the visible rows are in the DOM, and rows come in
 * keyset pages of 200 as the user scrolls (the core never counts or skips with OFFSET).
 */
export function RecipientTable({
  campaignId,
  counts,
}: {
  campaignId: number;
  counts: RecipientCounts;
}) {
  const table = useStore((s) => (s.table?.campaignId === campaignId ? s.table : null));
  const { openTable, loadMoreRows } = useStore.getState();
  const [search, setSearch] = useState(table?.search ?? '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const items = table?.items ?? [];
  // Every recipient of a campaign has the same imported columns: the first row names them.
  const fieldColumns = Object.keys(items[0]?.fields ?? {}).slice(0, MAX_FIELD_COLUMNS);
  const template = `70px 150px 160px 150px minmax(160px, 2fr) ${fieldColumns.map(() => 'minmax(100px, 1fr)').join(' ')}`;

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!table) void openTable(campaignId);
  }, [campaignId, table, openTable]);

  // A search looks at a bounded slice per call: keep asking until the view is full or the end is reached.
  useEffect(() => {
    if (
      table &&
      !table.loading &&
      table.nextAfterId !== null &&
      lastVisible + PREFETCH_ROWS >= items.length
    )
      void loadMoreRows();
  }, [table, lastVisible, items.length, loadMoreRows]);

  useEffect(() => {
    const current = useStore.getState().table;
    if (current?.campaignId === campaignId && search === current.search) return;
    const t = setTimeout(() => {
      scrollRef.current?.scrollTo({ top: 0 });
      void openTable(campaignId, undefined, search);
    }, 300);
    return () => clearTimeout(t);
  }, [search, campaignId, openTable]);

  const filter = table?.filter ?? 'all';
  const done = table !== null && !table.loading && table.nextAfterId === null;
  return (
    <Paper
      withBorder
      p="md"
      data-testid="recipient-table"
      data-filter={filter}
      data-loaded={items.length}
      data-complete={done}
    >
      <Group justify="space-between" mb="xs" align="flex-end">
        <Title order={5}>Recipients</Title>
        <TextInput
          placeholder="Search a phone or any column"
          aria-label="Search recipients"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
          rightSection={table?.loading ? <Loader size="xs" /> : null}
        />
      </Group>
      <ScrollArea type="auto" mb="xs">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => {
            scrollRef.current?.scrollTo({ top: 0 });
            void openTable(campaignId, v);
          }}
          data={(Object.keys(RECIPIENT_FILTERS) as RecipientFilter[])
            .filter((f) => f === 'all' || f === filter || filterCount(f, counts) > 0)
            .map((f) => ({
              value: f,
              label: `${RECIPIENT_FILTERS[f].label} ${fmt().count(filterCount(f, counts))}`,
            }))}
        />
      </ScrollArea>
      {table?.error && (
        <Alert color="red" mb="xs">
          {table.error.message}
        </Alert>
      )}
      <Box style={{ overflowX: 'auto' }}>
        <Box style={{ minWidth: 700 + fieldColumns.length * 100 }}>
          <Box
            role="row"
            style={{
              display: 'grid',
              gridTemplateColumns: template,
              gap: 8,
              padding: '4px 8px',
              borderBottom: '1px solid var(--mantine-color-gray-3)',
            }}
          >
            {['Row', 'Phone', 'State', 'Last update', 'Reason', ...fieldColumns].map((h) => (
              <Text key={h} size="xs" fw={700} c="dimmed" truncate role="columnheader">
                {h}
              </Text>
            ))}
          </Box>
          <div
            ref={scrollRef}
            style={{ height: 420, overflowY: 'auto', contain: 'strict' }}
            data-testid="recipient-rows"
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {visible.map((v) => {
                const r = items[v.index];
                if (!r) return null;
                return (
                  <div
                    key={r.id}
                    role="row"
                    data-testid="recipient-row"
                    data-state={r.state}
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${v.start}px)`,
                      display: 'grid',
                      gridTemplateColumns: template,
                      gap: 8,
                      alignItems: 'center',
                      padding: '0 8px',
                      borderBottom: '1px solid var(--mantine-color-gray-1)',
                    }}
                  >
                    <Text size="sm" c="dimmed">
                      {r.rowNumber}
                    </Text>
                    <Text size="sm" ff="monospace" truncate>
                      {r.phone}
                    </Text>
                    <span>
                      <StateBadge r={r} />
                    </span>
                    <Text size="sm" truncate>
                      {when(r)}
                    </Text>
                    <Text size="sm" truncate title={r.errorTitle ?? r.skipReason ?? undefined}>
                      {r.errorTitle
                        ? `${r.errorTitle}${r.errorCode ? ` (${r.errorCode})` : ''}`
                        : (r.skipReason ?? '')}
                    </Text>
                    {fieldColumns.map((c) => (
                      <Text key={c} size="sm" truncate title={r.fields[c]}>
                        {r.fields[c] ?? ''}
                      </Text>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </Box>
      </Box>
      <Text size="xs" c="dimmed" data-testid="recipient-table-status">
        {items.length === 0 && done
          ? search.trim()
            ? 'Nobody matches this search.'
            : 'Nobody in this group.'
          : `${fmt().count(items.length)} shown${done ? '' : ', more load as you scroll'}`}
      </Text>
    </Paper>
  );
}
