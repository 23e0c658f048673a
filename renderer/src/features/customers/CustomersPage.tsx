import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import { ACCEPTED_FILES } from '../audience/DropArea';
import { BookImportSummary } from './BookImportSummary';
import { CustomerDrawer } from './CustomerDrawer';
import { CustomerForm } from './CustomerForm';
import { CustomerTable } from './CustomerTable';
import { ForgetModal, forgetSummary } from './ForgetModal';
import { SegmentsPanel } from './SegmentsPanel';
import { SchedulesPanel } from './schedules/SchedulesPanel';

/** Waits this long after the last keystroke before searching, so typing a number is one query. */
const SEARCH_DEBOUNCE_MS = 250;

/** The customer book: every customer from every import, segments over it, one customer's story. */
export function CustomersPage() {
  const busy = useStore((s) => s.bookImport.busy);
  const segmentId = useStore((s) => s.book.segmentId);
  const segmentName = useStore((s) => s.segments.find((x) => x.id === segmentId)?.name);
  const [search, setSearch] = useState(useStore.getState().book.search);
  const [forgetting, setForgetting] = useState<string | null>(null);
  const [forgotten, setForgotten] = useState<string | null>(null);
  const [form, setForm] = useState<'add' | 'edit' | null>(null);
  const editing = useStore((s) => (form === 'edit' ? (s.customer?.detail ?? null) : null));
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useStore.getState().openBook();
  }, []);
  useEffect(() => {
    if (search === useStore.getState().book.search) return;
    const t = setTimeout(() => void useStore.getState().openBook(search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search]);

  return (
    <Stack data-testid="customers-page">
      <Group justify="space-between">
        <Title order={2}>Customers</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setForm('add')}>
            Add customer…
          </Button>
          <Button variant="default" loading={busy} onClick={() => file.current?.click()}>
            Import customers…
          </Button>
        </Group>
        <input
          ref={file}
          type="file"
          hidden
          accept={ACCEPTED_FILES}
          data-testid="customers-file-input"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void useStore.getState().importCustomers(f);
          }}
        />
      </Group>
      <Text c="dimmed" size="sm">
        Everyone you have imported, in one book kept on this computer. Each import adds new
        customers and updates the details of known ones (the newest file wins, nothing is erased).
      </Text>
      <BookImportSummary />
      {forgotten && (
        <Alert
          color="gray"
          withCloseButton
          onClose={() => setForgotten(null)}
          data-testid="forget-result"
        >
          {forgotten}
        </Alert>
      )}
      <SegmentsPanel />
      <SchedulesPanel />
      <Group justify="space-between" align="flex-end">
        <Title order={4}>{segmentName ? `In “${segmentName}”` : 'Everybody'}</Title>
        <TextInput
          placeholder="Search a number, a name or any detail"
          aria-label="Search customers"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maxLength={200}
          w={320}
        />
      </Group>
      <CustomerTable onOpen={(phone) => void useStore.getState().openCustomer(phone)} />
      <CustomerDrawer onForget={setForgetting} onEdit={() => setForm('edit')} />
      <CustomerForm
        opened={form !== null}
        editing={form === 'edit' ? editing : null}
        onClose={() => setForm(null)}
      />
      <ForgetModal
        phone={forgetting}
        onClose={() => setForgetting(null)}
        onForgotten={(phone, r) => {
          setForgetting(null);
          useStore.getState().closeCustomer();
          setForgotten(forgetSummary(phone, r));
        }}
      />
    </Stack>
  );
}
