import { Alert, Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import type { Campaign, FilterCount } from '../../../../../shared/api';
import {
  DATE_ORDER_LABEL,
  DECIMAL_LABEL,
  type DateOrder,
  type DecimalSeparator,
} from '../../../../../shared/domain/audience-filter';
import { api } from '../../../lib/api';
import { useStore } from '../../../store';
import type { DraftGroup } from './draft';
import { GroupEditor } from './GroupEditor';
import { fmt, noun } from '../../../lib/format';

function numbering(root: DraftGroup): Map<string, number> {
  const out = new Map<string, number>();
  let conditions = 0;
  let groups = 0;
  const walk = (g: DraftGroup) => {
    for (const n of g.items) {
      if (n.kind === 'group') {
        out.set(n.id, ++groups);
        walk(n);
      } else out.set(n.id, ++conditions);
    }
  };
  walk(root);
  return out;
}

function countText(count: FilterCount): string {
  const n = (x: number) => fmt().count(x);
  if (!count.filtered)
    return `No filter: all ${fmt().countOf(count.total, noun('recipient'))} get it.`;
  if (count.frozen)
    return `${n(count.matching)} of ${fmt().countOf(count.total, noun('recipient'))} match; ${n(count.excludedAtStart)} were left out when sending started.`;
  return `${n(count.matching)} of ${fmt().countOf(count.total, noun('recipient'))} match.`;
}

/** Conditions on the imported columns: who of the audience gets this campaign, counted live. */
export function FilterPanel({ campaign }: { campaign: Campaign }) {
  const state = useStore((s) => s.filterState);
  const draft = useStore((s) => s.filterDraft);
  const count = useStore((s) => s.filterCount);
  const counting = useStore((s) => s.filterCounting);
  const dirty = useStore((s) => s.filterDirty);
  const error = useStore((s) => s.filterError);
  const numbers = useMemo(
    () => (draft ? numbering(draft.root) : new Map<string, number>()),
    [draft],
  );

  useEffect(() => {
    const s = useStore.getState();
    void s.openFilter(campaign.id);
    // SQLite is the truth: a new import, a CLI change or our own save refetch the state and count.
    const off = api.subscribe('db.changed', ({ tables, campaignId }) => {
      if (campaignId !== undefined && campaignId !== campaign.id) return;
      // Once sending has started the filter and its counts no longer change: no refetch per status update.
      if (useStore.getState().filterState?.editable === false) return;
      if (tables.includes('recipients') || tables.includes('campaigns'))
        void useStore.getState().refreshFilter();
    });
    return () => {
      off();
      // Leaving the tab saves what was typed, so the Message tab previews it.
      void useStore.getState().flushFilter();
    };
    // A change of state (the campaign started) opens it again, read-only.
  }, [campaign.id, campaign.state]);

  if (!state || !draft) return null;
  const editable = state.editable;
  const busy = dirty || counting;
  const setReading = (change: { decimal?: DecimalSeparator; dateOrder?: DateOrder }) =>
    useStore.getState().editFilter((d) => ({ ...d, ...change }));

  return (
    <Paper withBorder p="md" data-testid="audience-filter">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>Choose who gets it</Title>
            <Text size="sm" c="dimmed">
              Conditions on your file’s columns. Text matches ignore upper and lower case, accents
              (Zürich = zurich) and spaces around the value.
            </Text>
          </div>
          {editable && draft.root.items.length > 0 && (
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              onClick={() => void useStore.getState().clearFilter()}
            >
              Clear filter
            </Button>
          )}
        </Group>
        {state.problem && (
          <Alert color="red" title="The saved filter cannot be used">
            {state.problem}
          </Alert>
        )}
        {error && (
          <Alert
            color="red"
            withCloseButton
            onClose={() => useStore.setState({ filterError: null })}
            data-testid="filter-error"
          >
            {error.message}
          </Alert>
        )}
        {!editable && (
          <Text size="sm" c="dimmed">
            The filter was applied when sending started; it can no longer change.
          </Text>
        )}
        <GroupEditor group={draft.root} depth={1} numbers={numbers} editable={editable} />
        {draft.root.items.length > 0 && (
          <Group gap="xs">
            <Select
              size="xs"
              label="Numbers in your file use a"
              aria-label="Decimal separator"
              data={(['.', ','] as const).map((d) => ({ value: d, label: DECIMAL_LABEL[d] }))}
              value={draft.decimal}
              onChange={(v) => (v === '.' || v === ',') && setReading({ decimal: v })}
              allowDeselect={false}
              disabled={!editable}
              w={230}
            />
            <Select
              size="xs"
              label="Dates like 03/04/2026 are"
              aria-label="Date order"
              data={(['dmy', 'mdy'] as const).map((d) => ({
                value: d,
                label: DATE_ORDER_LABEL[d],
              }))}
              value={draft.dateOrder}
              onChange={(v) => (v === 'dmy' || v === 'mdy') && setReading({ dateOrder: v })}
              allowDeselect={false}
              disabled={!editable}
              w={230}
            />
          </Group>
        )}
        <Group gap="xs" data-testid="filter-count" data-state={busy ? 'busy' : 'ready'}>
          <Text fw={600}>{count ? countText(count) : 'Counting…'}</Text>
          {busy && <Loader size="xs" />}
          {count && !count.frozen && count.alreadySkipped > 0 && (
            <Text size="sm" c="dimmed">
              ({fmt().count(count.alreadySkipped)} already skipped, e.g. opted out, are not
              counted.)
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
