import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { RecipientCounts } from '../../../../../shared/api';
import { fmt } from '../../../lib/format';

/** Cancelling cannot be undone: say what has gone and what will never go. */
export function ConfirmCancelModal({
  opened,
  counts,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  counts: RecipientCounts;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const sent = counts.sent + counts.delivered + counts.read;
  const waiting = counts.pending + counts.sending;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Cancel this campaign?"
      data-testid="confirm-cancel"
    >
      <Stack>
        <Text size="sm">
          {fmt().count(sent)} {sent === 1 ? 'message has' : 'messages have'} already gone out and
          stay sent. The {fmt().count(waiting)}{' '}
          {waiting === 1 ? 'recipient still waiting' : 'recipients still waiting'} will not get this
          message. A cancelled campaign cannot be resumed; pause it instead if you may want to go
          on.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the campaign
          </Button>
          <Button color="red" onClick={onConfirm} data-testid="confirm-cancel-button">
            Cancel campaign
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
