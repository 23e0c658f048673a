import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { FiguresList } from './FiguresList';
import type { SendFigures } from './figures';
import { fmt, noun } from '../../../lib/format';

/** The last look before sending to everyone: the same figures as Review & send. */
export function ConfirmSendModal({
  opened,
  figures,
  scheduleAt,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  figures: SendFigures;
  scheduleAt: number | undefined;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const n = fmt().countOf(figures.willReceive, noun('recipient'));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={scheduleAt ? 'Schedule this campaign?' : `Send to ${n} now?`}
      size="lg"
      data-testid="confirm-send"
    >
      <Stack>
        <FiguresList figures={figures} />
        <Text size="sm" c="dimmed">
          {scheduleAt
            ? `It starts by itself on ${fmt().date(scheduleAt)} if the app is running then.`
            : 'Messages go out at once. You can pause or cancel, but messages already sent cannot be taken back.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Not yet
          </Button>
          <Button onClick={onConfirm} data-testid="confirm-send-button">
            {scheduleAt ? 'Schedule' : `Send to ${n}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
