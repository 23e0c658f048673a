import { Notification, Stack } from '@mantine/core';
import { useRefusals } from '../../lib/refusals';

/** Refused actions, at the top of the page over whatever is open, until the user closes them. */
export function RefusalNotices() {
  const refusals = useRefusals((s) => s.refusals);
  const dismiss = useRefusals((s) => s.dismiss);
  if (refusals.length === 0) return null;
  return (
    <Stack
      gap="xs"
      pos="fixed"
      top={64}
      right={16}
      w={420}
      style={{ zIndex: 1000 }}
      aria-live="assertive"
    >
      {refusals.map((r) => (
        <Notification
          key={r.id}
          color="red"
          title={r.title}
          role="alert"
          data-testid="refusal"
          closeButtonProps={{ 'aria-label': 'Close this message' }}
          onClose={() => dismiss(r.id)}
          withBorder
        >
          {r.message}
        </Notification>
      ))}
    </Stack>
  );
}
