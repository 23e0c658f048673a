import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useStore } from '../../store';

/** Put one number on the list by hand, with why (a phone call, a note at the till). */
export function AddNumberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const addSuppressed = useStore((s) => s.addSuppressed);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (opened) {
      setPhone('');
      setReason('');
      setError(null);
    }
  }, [opened]);

  return (
    <Modal opened={opened} onClose={onClose} title="Add a number to the opt-outs" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void addSuppressed(phone, reason).then((err) => {
            setBusy(false);
            if (err) setError(err.message);
            else onClose();
          });
        }}
      >
        <Stack>
          <TextInput
            label="Phone number"
            description="With the country code, e.g. +44 7911 123456. No campaign will send to it."
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={error}
            data-autofocus
            maxLength={60}
            autoComplete="off"
          />
          <TextInput
            label="Reason (optional)"
            placeholder="e.g. Asked on the phone not to get offers"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={phone.trim() === ''}>
              Add to opt-outs
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
