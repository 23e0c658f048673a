import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SuppressionEntry } from '../../../../shared/api';
import { api } from '../../lib/api';
import { SUPPRESSION_PAGE_SIZE } from '../../store/slices/suppression';
import { useStore } from '../../store';
import { ACCEPTED_FILES } from '../audience/DropArea';
import { AddNumberModal } from './AddNumberModal';
import { ImportResult } from './ImportResult';
import { RemoveNumberModal } from './RemoveNumberModal';
import { EntriesTable, RemovalsTable } from './SuppressionTable';
import { fmt } from '../../lib/format';

/** Waits this long after the last keystroke before searching, so typing a number is one query. */
const SEARCH_DEBOUNCE_MS = 250;

export function SuppressionPage() {
  // Only what this page shows: progress events elsewhere in the store do not re-render it.
  const s = useStore(
    useShallow((st) => ({
      suppressionTab: st.suppressionTab,
      suppressionSearch: st.suppressionSearch,
      suppressionCursors: st.suppressionCursors,
      suppressionRows: st.suppressionRows,
      suppressionRemovals: st.suppressionRemovals,
      suppressionTotal: st.suppressionTotal,
      suppressionNext: st.suppressionNext,
      suppressionLoaded: st.suppressionLoaded,
      suppressionError: st.suppressionError,
      suppressionImport: st.suppressionImport,
      setSuppressionTab: st.setSuppressionTab,
      suppressionNextPage: st.suppressionNextPage,
      suppressionPreviousPage: st.suppressionPreviousPage,
      importSuppressed: st.importSuppressed,
    })),
  );
  const [search, setSearch] = useState(s.suppressionSearch);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SuppressionEntry | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useStore.getState().loadSuppression();
  }, []);
  useEffect(() => {
    if (search === useStore.getState().suppressionSearch) return;
    const t = setTimeout(
      () => void useStore.getState().setSuppressionSearch(search),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(t);
  }, [search]);

  const page = s.suppressionCursors.length;
  const shown =
    s.suppressionTab === 'active' ? s.suppressionRows.length : s.suppressionRemovals.length;
  const first = page * SUPPRESSION_PAGE_SIZE + (shown ? 1 : 0);

  return (
    <Stack data-suppression-state={s.suppressionLoaded ? 'loaded' : 'loading'}>
      <Group justify="space-between">
        <Title order={2}>Opt-outs</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setAdding(true)}>
            Add a number
          </Button>
          <Button
            variant="default"
            loading={s.suppressionImport.busy}
            onClick={() => file.current?.click()}
          >
            Import CSV…
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setExportError(null);
              // The list is one file; 1 names it (see electron/core/downloads.ts).
              void api
                .download('suppression', 1)
                .then((r) => !r.ok && setExportError(r.error.message));
            }}
          >
            Export CSV
          </Button>
          <input
            ref={file}
            type="file"
            hidden
            accept={ACCEPTED_FILES}
            data-testid="suppression-file-input"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void s.importSuppressed(f);
            }}
          />
        </Group>
      </Group>
      <Text c="dimmed" size="sm">
        No campaign sends to these numbers. A number lands here when the customer replies “STOP” (or
        the same in their language) or taps an opt-out button, stops your messages in WhatsApp, when
        Meta refuses a message with error 131050, or when you add or import it.
      </Text>
      {s.suppressionError && <Alert color="red">{s.suppressionError.message}</Alert>}
      {exportError && <Alert color="red">{exportError}</Alert>}
      <ImportResult />
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <SegmentedControl
            value={s.suppressionTab}
            onChange={(v) => void s.setSuppressionTab(v === 'removed' ? 'removed' : 'active')}
            data={[
              { value: 'active', label: 'On the list' },
              { value: 'removed', label: 'Removed' },
            ]}
          />
          <TextInput
            placeholder="Search a number, a reason or words"
            aria-label="Search opt-outs"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={100}
            w={320}
          />
        </Group>
        {s.suppressionLoaded && s.suppressionTotal === 0 ? (
          <Text c="dimmed" data-testid="suppression-empty">
            {s.suppressionSearch
              ? 'Nothing matches this search.'
              : s.suppressionTab === 'active'
                ? 'No opt-outs yet.'
                : 'No number has been removed.'}
          </Text>
        ) : s.suppressionTab === 'active' ? (
          <EntriesTable rows={s.suppressionRows} onRemove={setRemoving} />
        ) : (
          <RemovalsTable rows={s.suppressionRemovals} />
        )}
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" data-testid="suppression-count">
            {shown
              ? `${fmt().count(first)}–${fmt().count(first + shown - 1)} of ${fmt().count(s.suppressionTotal)}`
              : ''}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              disabled={page === 0}
              onClick={() => void s.suppressionPreviousPage()}
            >
              Previous
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={!s.suppressionNext}
              onClick={() => void s.suppressionNextPage()}
            >
              Next
            </Button>
          </Group>
        </Group>
      </Paper>
      <AddNumberModal opened={adding} onClose={() => setAdding(false)} />
      <RemoveNumberModal entry={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
