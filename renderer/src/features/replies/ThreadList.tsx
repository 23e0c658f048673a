import { Alert, Badge, Box, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ThreadSummary } from '../../../../shared/api';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';
import { replyLine } from './window-text';

const ROW_HEIGHT = 72;
/** Load the next page when the user is this many rows from the end of what is loaded. */
const PREFETCH_ROWS = 30;

function ThreadRow({
  t,
  selected,
  onOpen,
}: {
  t: ThreadSummary;
  selected: boolean;
  onOpen: () => void;
}) {
  const campaign = t.last.campaignName
    ? `${t.last.campaignName}${t.last.variant ? ` · variant ${t.last.variant}` : ''}`
    : 'No campaign';
  return (
    <Box
      component="button"
      type="button"
      onClick={onOpen}
      data-testid="reply-thread"
      data-phone={t.phone}
      data-unread={t.unread > 0}
      aria-current={selected ? 'true' : undefined}
      style={{
        all: 'unset',
        boxSizing: 'border-box',
        cursor: 'pointer',
        display: 'block',
        width: '100%',
        height: ROW_HEIGHT,
        padding: '8px 10px',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: selected ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap={6}>
        <Text size="sm" fw={t.unread > 0 ? 700 : 500} truncate>
          {t.name ? `${t.name} · ${fmt().phone(t.phone)}` : fmt().phone(t.phone)}
        </Text>
        <Group gap={6} wrap="nowrap">
          {t.unread > 0 && (
            <Badge size="sm" color="blue" circle aria-label={`${t.unread} unread`}>
              {fmt().count(t.unread)}
            </Badge>
          )}
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {fmt().date(t.last.at, 'dateTime')}
          </Text>
        </Group>
      </Group>
      <Text size="sm" truncate fw={t.unread > 0 ? 600 : 400}>
        {replyLine(t.last)}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed" truncate>
          {campaign}
        </Text>
        {t.optedOut && (
          <Badge size="xs" color="red" variant="light">
            opted out
          </Badge>
        )}
        {t.labels.slice(0, 2).map((l) => (
          <Badge key={l} size="xs" variant="outline">
            {l}
          </Badge>
        ))}
      </Group>
    </Box>
  );
}

/**
 * Every conversation, smooth at 10,000 and more: only the visible rows are in the DOM, and threads
 * come in keyset pages of 200 as the user scrolls.
 */
export function ThreadList() {
  const list = useStore((s) => s.replyList);
  const openPhone = useStore((s) => s.openThread?.phone ?? null);
  const { loadMoreReplies, openReplyThread } = useStore.getState();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: list.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!list.loading && list.next !== null && lastVisible + PREFETCH_ROWS >= list.items.length)
      void loadMoreReplies();
  }, [list.loading, list.next, lastVisible, list.items.length, loadMoreReplies]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [list.generation]);

  const done = !list.loading && list.next === null;
  return (
    <Box data-testid="reply-threads" data-loaded={list.items.length} data-total={list.total}>
      {list.error && (
        <Alert color="red" mb="xs">
          {list.error.message}
        </Alert>
      )}
      <div
        ref={scrollRef}
        style={{
          height: 'calc(100vh - 250px)',
          minHeight: 300,
          overflowY: 'auto',
          contain: 'strict',
        }}
        data-testid="reply-thread-rows"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {visible.map((v) => {
            const t = list.items[v.index];
            if (!t) return null;
            return (
              <div
                key={t.phone}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                <ThreadRow
                  t={t}
                  selected={t.phone === openPhone}
                  onOpen={() => void openReplyThread(t.phone)}
                />
              </div>
            );
          })}
        </div>
      </div>
      <Text size="xs" c="dimmed" mt={4} data-testid="reply-threads-status">
        {list.items.length === 0 && done
          ? list.search.trim()
            ? 'No conversation matches this search.'
            : 'No replies yet. When customers answer a campaign, their messages appear here.'
          : `${fmt().countOf(list.total, { one: 'conversation', other: 'conversations' })}${done ? '' : `, ${fmt().count(list.items.length)} loaded`}`}
      </Text>
    </Box>
  );
}
