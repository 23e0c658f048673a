import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SuppressionEntry } from '../../../../shared/api';
import { useStore } from '../../store';
import { sourceLabel, when } from './format';

/**
 * Taking a number off the list means campaigns may message it again, so it is confirmed, and the
 * entry is kept in the removal log with the note (a customer's consent is something to account for).
 */
export function RemoveNumberModal({
  entry,
  onClose,
}: {
  entry: SuppressionEntry | null;
  onClose: () => void;
}) {
  const removeSuppressed = useStore((s) => s.removeSuppressed);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setNote('');
    setError(null);
  }, [entry]);

  return (
    <Modal opened={entry !== null} onClose={onClose} title="Remove from the opt-outs?" centered>
      {entry && (
        <Stack>
          <Text>
            <b>{entry.phone}</b> was added {when(entry.createdAt)} ({sourceLabel(entry.source)}):{' '}
            {entry.reason}
          </Text>
          <Alert color="orange">
            Campaigns will be able to message this number again. Only remove it if the customer
            asked to receive your messages again.
          </Alert>
          <TextInput
            label="Why (kept in the removal log)"
            placeholder="e.g. Asked in the shop to get offers again"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
          />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={() => {
                setBusy(true);
                void removeSuppressed(entry.phone, note).then((err) => {
                  setBusy(false);
                  if (err) setError(err.message);
                  else onClose();
                });
              }}
            >
              Remove {entry.phone}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
