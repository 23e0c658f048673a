import {
  Alert,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Campaign, RecipientCounts, SendProgress } from '../../../../shared/api';
import { FIGURES, figureCount } from '../progress/figures';
import { useStore } from '../../store';
import { QuietWaitingText } from './PacingText';
import { HELD_LABEL } from '../../../../shared/domain/status';
import { ConfirmCancelModal } from './confirm/ConfirmCancelModal';
import { fmt, noun } from '../../lib/format';
import { DeferredCount, DeliveryWaiting } from './DeliveryWaiting';

/** A campaign that sent nothing is never shown as a success. */
function title(state: SendProgress['state'], sentAny: boolean): string {
  if (state === 'sending') return 'Sending';
  if (state === 'paused') return 'Paused';
  if (state === 'scheduled') return 'Scheduled';
  if (state === 'completed') return sentAny ? 'Finished' : 'Finished: nothing was sent';
  return 'Cancelled';
}

const COLORS = {
  delivered: 'teal',
  read: 'green',
  failed: 'red',
  unknown: 'orange',
  skipped: 'gray',
  expired: 'yellow',
} as const;
const HELD_COUNTER = 'Held for quality review';

/** The finished screen's figures (one vocabulary with the chips and the chart); held sits apart. */
const COUNTERS: {
  key: string;
  label: string;
  color?: string;
  value: (c: RecipientCounts) => number;
}[] = [
  { key: 'pending', label: FIGURES.waiting.label, value: (c) => figureCount('waiting', c) },
  { key: 'sent', label: FIGURES.sent.label, color: 'blue', value: (c) => figureCount('sent', c) },
  // Template pacing: accepted, not passed on yet (part of "Accepted"; shown apart so a paced
  // template never reads as fully sent).
  { key: 'held', label: HELD_COUNTER, color: 'yellow', value: (c) => c.held ?? 0 },
  ...(['delivered', 'read', 'failed', 'unknown', 'skipped', 'expired'] as const).map((k) => ({
    key: k,
    label: FIGURES[k].label,
    color: COLORS[k],
    value: (c: RecipientCounts) => figureCount(k, c),
  })),
];

function eta(seconds: number | null): string {
  if (seconds === null || seconds <= 0) return '';
  return `about ${fmt().duration(seconds)} left`;
}

/** The live view of a campaign that has started: counters, rate, ETA, why it waits, controls. */
export function ProgressPanel({
  campaign,
  progress,
}: {
  campaign: Campaign;
  progress: SendProgress | undefined;
}) {
  const { control, resendUnknown, dismissSendError } = useStore.getState();
  const error = useStore((s) => s.sendError);
  const [cancelling, setCancelling] = useState(false);
  const counts = progress?.counts ?? campaign.counts;
  // The sender's pushes do not count held messages; the database's counts do.
  const held = counts.held ?? campaign.counts.held ?? 0;
  const state = progress?.state ?? campaign.state;
  const done = counts.total - counts.pending - counts.sending;
  const percent = counts.total ? (done / counts.total) * 100 : 0;
  const pauseReason = progress?.pauseReason ?? campaign.pauseReason;
  const sentAny = counts.sent + counts.delivered + counts.read + counts.unknown > 0;
  // "Excluded: …" skips (frequency cap, audience filter), from the status or the pacing view.
  const pacingExcluded = useStore((s) => s.pacing[campaign.id]?.excluded);
  const excluded = progress?.excluded ?? pacingExcluded ?? [];
  useEffect(() => {
    void useStore.getState().loadPacing(campaign.id);
  }, [campaign.id, counts.skipped]);

  return (
    <Paper withBorder p="md" data-testid="send-progress" data-state={state}>
      <Stack>
        {error && (
          <Alert
            color="red"
            title="That did not work"
            data-testid="send-error"
            withCloseButton
            onClose={dismissSendError}
          >
            {error.message}
          </Alert>
        )}
        <Group justify="space-between">
          <Title order={4} c={state === 'completed' && !sentAny ? 'orange' : undefined}>
            {title(state, sentAny)}
          </Title>
          <Group gap="xs">
            {(state === 'sending' || state === 'scheduled') && (
              <Button variant="default" onClick={() => void control(campaign.id, 'pause')}>
                Pause
              </Button>
            )}
            {state === 'paused' && (
              <Button onClick={() => void control(campaign.id, 'resume')}>Resume</Button>
            )}
            {(state === 'sending' || state === 'paused' || state === 'scheduled') && (
              <Button variant="subtle" color="red" onClick={() => setCancelling(true)}>
                Cancel campaign
              </Button>
            )}
          </Group>
        </Group>
        <Progress
          value={percent}
          size="lg"
          animated={state === 'sending'}
          aria-label="Campaign progress"
        />
        <Text size="sm" c="dimmed" data-testid="send-rate">
          {fmt().count(done)} of {fmt().count(counts.total)} handled
          {state === 'sending' && progress
            ? ` · ${progress.ratePerSecond}/s (limit ${progress.configuredRate}/s) · ${eta(progress.etaSeconds)}`
            : ''}
        </Text>
        {held > 0 && (
          <Alert color="yellow" title={HELD_LABEL} data-testid="send-held">
            {fmt().countOf(held, noun('message'))} {held === 1 ? 'is' : 'are'} held by WhatsApp
            while it checks how the first customers react to this template. They are delivered
            later, or dropped if the template is paused (then they show as failed with code 132015).
          </Alert>
        )}
        {state === 'paused' && pauseReason && (
          <Alert color="orange" title="Why it paused" data-testid="pause-reason">
            {pauseReason}
          </Alert>
        )}
        <DeliveryWaiting progress={progress} />
        {state === 'sending' &&
          progress?.waiting &&
          !['deferred', 'stopped'].includes(progress.waiting.reason) &&
          !(progress.waiting.reason === 'quiet' && progress.quiet) && (
            <Alert color="blue" data-testid="send-waiting">
              {progress.waiting.message}
              {progress.waiting.until
                ? ` (until ${fmt().date(progress.waiting.until, 'time')})`
                : ''}
            </Alert>
          )}
        {state === 'sending' && progress?.quiet && (
          <Alert
            color="indigo"
            title={
              progress.waiting?.reason === 'quiet'
                ? 'Everyone left is waiting for their quiet hours to end'
                : 'Some are waiting for their quiet hours to end'
            }
            data-testid="send-quiet-waiting"
            data-count={progress.quiet.recipients}
          >
            <QuietWaitingText quiet={progress.quiet} />
          </Alert>
        )}
        {excluded.length > 0 && (
          <Stack
            gap={2}
            data-testid="send-excluded"
            data-count={excluded.reduce((n, e) => n + e.count, 0)}
          >
            {excluded.map((e) => (
              <Text size="sm" key={e.reason}>
                Excluded: <b>{fmt().count(e.count)}</b> — {e.reason.replace(/^Excluded: /, '')}
              </Text>
            ))}
          </Stack>
        )}
        <SimpleGrid cols={{ base: 4, md: 8 }}>
          {COUNTERS.map((c) => (
            <div key={c.key} data-testid={`count-${c.key}`}>
              <Text size="xs" c="dimmed">
                {c.label}
              </Text>
              <Text fw={700} size="lg" c={c.value(counts) > 0 ? c.color : undefined}>
                {fmt().count(c.value(counts))}
              </Text>
            </div>
          ))}
          <DeferredCount progress={progress} />
        </SimpleGrid>
        {counts.unknown > 0 && state !== 'sending' && (
          <Alert
            color="orange"
            title={`${fmt().countOf(counts.unknown, noun('message'))} may or may not have arrived`}
          >
            <Text size="sm">
              The connection broke after these were handed over, so WhatsApp may have accepted them.
              They are never re-sent automatically, because a customer could get the message twice.
              Wait for delivery reports, or re-send them if you accept that risk.
            </Text>
            <Button
              mt="xs"
              size="xs"
              variant="light"
              color="orange"
              onClick={() => void resendUnknown(campaign.id)}
            >
              Re-send the unknown ones
            </Button>
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          “Accepted by WhatsApp” is not “delivered”: delivery and read reports arrive later.
        </Text>
        <ConfirmCancelModal
          opened={cancelling}
          counts={counts}
          onClose={() => setCancelling(false)}
          onConfirm={() => {
            setCancelling(false);
            void control(campaign.id, 'cancel');
          }}
        />
      </Stack>
    </Paper>
  );
}
