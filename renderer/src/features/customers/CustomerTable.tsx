import { Alert, Badge, Box, Group, Paper, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CustomerSummary } from '../../../../shared/api';
import { fmt, noun } from '../../lib/format';
import { useStore } from '../../store';

const ROW_HEIGHT = 36;
/** Load the next page when the user is this many rows from the end of what is loaded. */
const PREFETCH_ROWS = 60;
const MAX_ATTRIBUTE_COLUMNS = 4;

/**
 * The attribute columns worth a column: the most common among the loaded rows (the book's rows
 * come from many files, so no single row names them all).
 */
function attributeColumns(items: CustomerSummary[]): string[] {
  const seen = new Map<string, number>();
  // The first rows are enough to name the common columns; a bound keeps a long scroll cheap.
  for (const c of items.slice(0, 500))
    for (const k of Object.keys(c.attributes)) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_ATTRIBUTE_COLUMNS)
    .map(([k]) => k);
}

function Row({ c, columns }: { c: CustomerSummary; columns: string[] }) {
  return (
    <>
      <Text size="sm" ff="monospace" truncate>
        {c.phone}
      </Text>
      {columns.map((k) => (
        <Text key={k} size="sm" truncate title={c.attributes[k]}>
          {c.attributes[k] ?? ''}
        </Text>
      ))}
      <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
        {c.labels.map((l) => (
          <Badge key={l} size="sm" variant="light" color="grape">
            {l}
          </Badge>
        ))}
      </Group>
      <Text size="sm" truncate title={c.lastCampaign ? fmt().date(c.lastCampaign.at) : undefined}>
        {c.lastCampaign?.name ?? ''}
      </Text>
      <span>
        {c.optedOut ? (
          <Badge size="sm" variant="light" color="red">
            opted out
          </Badge>
        ) : (
          c.marketingDeclined && (
            <Badge size="sm" variant="light" color="orange" title={c.marketingDeclined.evidence}>
              no marketing
            </Badge>
          )
        )}
      </span>
    </>
  );
}

/**
 * The whole book, smooth at a million customers: only the visible rows are in the DOM, and rows
 * come in keyset pages as the user scrolls (the same way as the campaign's RecipientTable).
 */
export function CustomerTable({ onOpen }: { onOpen: (phone: string) => void }) {
  const book = useStore((s) => s.book);
  const scrollRef = useRef<HTMLDivElement>(null);
  const items = book.items;
  const columns = attributeColumns(items);
  const template = `160px ${columns.map(() => 'minmax(100px, 1fr)').join(' ')} minmax(120px, 1fr) minmax(140px, 1fr) 110px`;

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!book.loading && book.nextAfterId !== null && lastVisible + PREFETCH_ROWS >= items.length)
      void useStore.getState().loadMoreCustomers();
  }, [book.loading, book.nextAfterId, lastVisible, items.length]);

  // A new search or segment starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [book.search, book.segmentId]);

  const done = !book.loading && book.nextAfterId === null;
  return (
    <Paper
      withBorder
      p="md"
      data-testid="customer-table"
      data-loaded={items.length}
      data-total={book.total}
      data-complete={done}
    >
      {book.error && (
        <Alert color="red" mb="xs">
          {book.error.message}
        </Alert>
      )}
      <Box style={{ overflowX: 'auto' }}>
        <Box style={{ minWidth: 560 + columns.length * 110 }}>
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
            {['Phone', ...columns, 'Labels', 'Last campaign', 'Opt-out'].map((h) => (
              <Text key={h} size="xs" fw={700} c="dimmed" truncate role="columnheader">
                {h}
              </Text>
            ))}
          </Box>
          <div
            ref={scrollRef}
            style={{ height: 480, overflowY: 'auto', contain: 'strict' }}
            data-testid="customer-rows"
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {visible.map((v) => {
                const c = items[v.index];
                if (!c) return null;
                return (
                  <div
                    key={c.id}
                    role="row"
                    tabIndex={0}
                    aria-label={`Open ${c.phone}`}
                    data-testid="customer-row"
                    data-phone={c.phone}
                    onClick={() => onOpen(c.phone)}
                    onKeyDown={(e) => e.key === 'Enter' && onOpen(c.phone)}
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
                      cursor: 'pointer',
                      borderBottom: '1px solid var(--mantine-color-gray-1)',
                    }}
                  >
                    <Row c={c} columns={columns} />
                  </div>
                );
              })}
            </div>
          </div>
        </Box>
      </Box>
      <Text size="xs" c="dimmed" mt="xs" data-testid="customer-table-status">
        {items.length === 0 && done
          ? book.search.trim() || book.segmentId !== null
            ? 'Nobody matches.'
            : 'The customer book is empty. Import a file of customers, or import an audience into a campaign: its customers land here too.'
          : `${fmt().countOf(book.total, noun('customer'))}${done ? '' : ` · ${fmt().count(items.length)} loaded, more load as you scroll`}`}
      </Text>
    </Paper>
  );
}
