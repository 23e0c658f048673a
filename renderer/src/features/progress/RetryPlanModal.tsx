import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { RetryFailedPlan } from '../../../../shared/api';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';

/** "3 left out: WhatsApp asks to wait 24 hours after a marketing limit", one line per reason. */
export function RetryLeftOut({ plan }: { plan: RetryFailedPlan }) {
  return (
    <List size="sm" data-testid="retry-left-out">
      {plan.leftOut.map((l) => (
        <List.Item key={l.reason}>
          <Text span size="sm" fw={600}>
            {fmt().count(l.count)} left out:
          </Text>{' '}
          {l.reason}
        </List.Item>
      ))}
    </List>
  );
}

/** Before "Retry failed" creates a draft: who it includes, who it leaves out and why. */
export function RetryPlanModal({ campaignId }: { campaignId: number }) {
  const open = useStore((s) =>
    s.retryPlan?.sourceId === campaignId && s.retryPlan.open ? s.retryPlan : null,
  );
  const { closeRetryPlan, retryFailed } = useStore.getState();
  const plan = open?.plan ?? null;
  return (
    <Modal
      opened={open !== null}
      onClose={closeRetryPlan}
      title="Retry the failed messages"
      size="lg"
      data-testid="retry-plan"
    >
      <Stack>
        {open?.error && (
          <Alert color="red" title="Cannot work out the retry">
            {open.error.message}
          </Alert>
        )}
        {plan && (
          <>
            <Text size="sm" fw={600} data-testid="retry-included">
              {fmt().countOf(plan.recipients, noun('recipient'))}{' '}
              {plan.recipients === 1 ? 'goes' : 'go'} into a new draft, which opens for you to
              review before anything is sent.
            </Text>
            {plan.leftOut.length > 0 && <RetryLeftOut plan={plan} />}
            {plan.notBefore && (
              <Text size="sm" c="dimmed">
                Those WhatsApp asks to wait for can be retried after {fmt().date(plan.notBefore)}.
              </Text>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={closeRetryPlan}>
            Not now
          </Button>
          <Button
            disabled={!plan || plan.recipients === 0}
            onClick={() => void retryFailed(campaignId)}
            data-testid="retry-create"
          >
            Create draft{plan ? ` (${fmt().count(plan.recipients)})` : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
