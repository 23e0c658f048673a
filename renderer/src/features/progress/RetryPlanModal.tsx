import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useStore } from '../../store';
import { fmt } from '../../lib/format';

/** Before "Retry failed" creates a draft: who it includes, who it leaves out and why. */
export function RetryPlanModal({ campaignId }: { campaignId: number }) {
  const open = useStore((s) => (s.retryPlan?.sourceId === campaignId ? s.retryPlan : null));
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
              {fmt().count(plan.recipients)}{' '}
              {plan.recipients === 1 ? 'recipient goes' : 'recipients go'} into a new draft.
            </Text>
            {plan.leftOut.length > 0 && (
              <>
                <Text size="sm">Left out:</Text>
                <List size="sm" data-testid="retry-left-out">
                  {plan.leftOut.map((l) => (
                    <List.Item key={l.reason}>
                      {fmt().count(l.count)}: {l.reason}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
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
