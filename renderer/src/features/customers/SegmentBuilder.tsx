import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ApiError, SegmentCount } from '../../../../shared/api';
import { api } from '../../lib/api';
import { fmt, noun } from '../../lib/format';
import { useStore } from '../../store';
import { AttributeRow, HistoryRow } from './ConditionRows';
import {
  HISTORY_LABEL,
  newAttribute,
  newHistory,
  toDefinition,
  type DraftAttribute,
  type DraftHistory,
  type HistoryKind,
} from './segment-draft';

/** Waits this long after the last change before counting, so typing a value is one count. */
const COUNT_DEBOUNCE_MS = 300;

function useLiveCount(attrs: DraftAttribute[], history: DraftHistory[], opened: boolean) {
  const def = useMemo(() => toDefinition(attrs, history), [attrs, history]);
  const key = JSON.stringify(def);
  const [count, setCount] = useState<{
    key: string;
    value: SegmentCount | null;
    error: ApiError | null;
  }>({ key: '', value: null, error: null });
  useEffect(() => {
    if (!opened) return;
    let live = true;
    const t = setTimeout(() => {
      void api.call('segments.count', JSON.parse(key) as typeof def).then((r) => {
        if (live) setCount({ key, value: r.ok ? r.value : null, error: r.ok ? null : r.error });
      });
    }, COUNT_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, opened]);
  return { def, count, counting: count.key !== key };
}

function CountLine({ count, counting }: ReturnType<typeof useLiveCount>) {
  if (count.error) return <Alert color="red">{count.error.message}</Alert>;
  return (
    <Group gap="xs" data-testid="segment-count" data-state={counting ? 'counting' : 'counted'}>
      <Text fw={600}>
        {count.value ? `${fmt().countOf(count.value.members, noun('customer'))} now` : 'Counting…'}
      </Text>
      {count.value && count.value.optedOut > 0 && (
        <Text size="sm" c="dimmed">
          ({fmt().count(count.value.optedOut)} of them opted out: a campaign skips them)
        </Text>
      )}
      {counting && <Loader size="xs" aria-label="Counting" />}
    </Group>
  );
}

/** Builds a segment from attribute and history conditions, with the count of who is in it now. */
export function SegmentBuilder({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const campaigns = useStore((s) => s.campaigns);
  const items = useStore((s) => s.book.items);
  const [name, setName] = useState('');
  const [attrs, setAttrs] = useState<DraftAttribute[]>([]);
  const [history, setHistory] = useState<DraftHistory[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const live = useLiveCount(attrs, history, opened);
  const columns = useMemo(
    () => [...new Set(items.slice(0, 500).flatMap((c) => Object.keys(c.attributes)))].sort(),
    [items],
  );
  // History can only name campaigns that sent something.
  const sent = campaigns.filter((c) => c.state !== 'draft');

  useEffect(() => {
    if (!opened) return;
    setName('');
    setAttrs([]);
    setHistory([]);
    setError(null);
  }, [opened]);

  const save = async () => {
    setBusy(true);
    const r = await useStore.getState().saveSegment(name, live.def);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New segment" size="xl" centered>
      <Stack gap="md">
        <TextInput
          label="Segment name"
          placeholder="e.g. Londoners who read the March news"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          maxLength={120}
          data-autofocus
        />
        <Stack gap={6}>
          <Title order={5}>Customers whose details match</Title>
          {attrs.map((a, i) => (
            <AttributeRow
              key={a.id}
              a={a}
              n={i + 1}
              columns={columns}
              onChange={(next) => setAttrs(attrs.map((x) => (x.id === a.id ? next : x)))}
              onRemove={() => setAttrs(attrs.filter((x) => x.id !== a.id))}
            />
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => setAttrs([...attrs, newAttribute()])}
            >
              Add a condition on details
            </Button>
          </Group>
        </Stack>
        <Stack gap={6}>
          <Title order={5}>…and whose history matches</Title>
          {history.map((h, i) => (
            <HistoryRow
              key={h.id}
              h={h}
              n={i + 1}
              campaigns={sent}
              onChange={(next) => setHistory(history.map((x) => (x.id === h.id ? next : x)))}
              onRemove={() => setHistory(history.filter((x) => x.id !== h.id))}
            />
          ))}
          <Select
            aria-label="Add a condition on history"
            placeholder="Add a condition on history…"
            data={(Object.keys(HISTORY_LABEL) as HistoryKind[]).map((k) => ({
              value: k,
              label: HISTORY_LABEL[k],
            }))}
            value={null}
            onChange={(k) => k && setHistory([...history, newHistory(k)])}
            w={280}
            size="xs"
          />
        </Stack>
        <Text size="sm" c="dimmed">
          A customer must meet every condition. With none, the segment is the whole book.
        </Text>
        <CountLine {...live} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            Save segment
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
