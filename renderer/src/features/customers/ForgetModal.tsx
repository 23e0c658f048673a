import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ForgetResult } from '../../../../shared/api';
import { fmt, noun } from '../../lib/format';
import { useStore } from '../../store';

/** Forget: what a data-protection request needs. It says exactly what is erased before it does it. */
export function ForgetModal({
  phone,
  onClose,
  onForgotten,
}: {
  phone: string | null;
  onClose: () => void;
  onForgotten: (phone: string, r: ForgetResult) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [phone]);

  const forget = async () => {
    if (!phone) return;
    setBusy(true);
    const r = await useStore.getState().forgetCustomer(phone);
    setBusy(false);
    if (r.ok) onForgotten(phone, r.value);
    else setError(r.error.message);
  };

  return (
    <Modal opened={phone !== null} onClose={onClose} title="Forget this customer?" centered>
      <Stack gap="sm">
        <Text size="sm">
          This erases <b>{phone}</b> from Campaign Desk, for good:
        </Text>
        <List size="sm" spacing={2}>
          <List.Item>the customer and every attribute in the book;</List.Item>
          <List.Item>
            the number and its columns in every campaign (the rows stay as anonymous counts, so
            reports still add up);
          </List.Item>
          <List.Item>the delivery events stored for its messages;</List.Item>
          <List.Item>its replies, your answers to them, and its labels;</List.Item>
          <List.Item>
            its entry on the opt-out list (so if the number comes back in a file, it is not known to
            have opted out).
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          The log records that a customer was forgotten, without the number. This cannot be undone.
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void forget()}>
            Forget {phone}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Forgotten: 3 campaign rows anonymised, 12 events and 2 replies erased." */
export function forgetSummary(phone: string, r: ForgetResult): string {
  if (!r.forgotten && r.recipientsRedacted === 0)
    return `${phone} was not in Campaign Desk; nothing to erase.`;
  const parts = [
    `${fmt().countOf(r.recipientsRedacted, noun('campaign row'))} anonymised`,
    `${fmt().countOf(r.eventsRemoved, noun('delivery event'))} erased`,
    `${fmt().countOf(r.repliesRemoved, noun('reply or label', 'replies and labels'))} erased`,
  ];
  if (r.suppressionRemoved > 0) parts.push('its opt-out entry erased');
  return `${phone} is forgotten: ${parts.join(', ')}.`;
}
