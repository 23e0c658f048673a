import { Alert, Text } from '@mantine/core';
import type { SendProgress } from '../../../../shared/api';
import { fmt } from '../../lib/format';

/** "Limited by WhatsApp — next try …": the words of the count, the banner and the recipients table. */
export function nextTry(at: number | null | undefined): string {
  return at ? `next try ${fmt().date(at, 'dateTime')}` : 'next try not planned yet';
}

/** The "Limited by WhatsApp" counter beside the others (issue 17 item 2), with the earliest try. */
export function DeferredCount({ progress }: { progress: SendProgress | undefined }) {
  const d = progress?.deferred;
  if (!d || d.count === 0) return null;
  return (
    <div data-testid="count-deferred" data-count={d.count}>
      <Text size="xs" c="dimmed">
        Limited by WhatsApp
      </Text>
      <Text fw={700} size="lg" c="grape">
        {fmt().count(d.count)}
      </Text>
      <Text size="xs" c="dimmed" data-testid="deferred-next-try">
        {nextTry(d.nextTryAt)}
      </Text>
    </div>
  );
}

/**
 * Why a started campaign waits for WhatsApp's per-user limit or has stopped at its stop-after. A
 * campaign waiting for retries is `scheduled` again, so this shows whatever the state.
 */
export function DeliveryWaiting({ progress }: { progress: SendProgress | undefined }) {
  if (!progress) return null;
  const stopAt = progress.stopAt ?? null;
  if (progress.waiting?.reason === 'stopped' || (stopAt !== null && stopAt <= progress.at))
    return (
      <Alert color="orange" title="Stop-after reached" data-testid="send-stopped">
        This campaign stopped sending at {fmt().date(stopAt ?? progress.at, 'dateTime')}, as set in
        its settings: nothing more is sent or retried.
      </Alert>
    );
  if (progress.waiting?.reason !== 'deferred') return null;
  const d = progress.deferred;
  return (
    <Alert color="grape" title="Waiting for retries" data-testid="send-deferred-waiting">
      WhatsApp limits how many marketing messages one person gets
      {d && d.count > 0
        ? `: ${fmt().count(d.count)} ${d.count === 1 ? 'person waits' : 'people wait'}, ${nextTry(d.nextTryAt)}.`
        : '.'}
      {stopAt !== null && ` Nothing is sent after ${fmt().date(stopAt, 'dateTime')}.`}
    </Alert>
  );
}
