import { useEffect } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Campaign, FailureGroup } from '../../../../shared/api';
import { useStore } from '../../store';
import { RetryLeftOut, RetryPlanModal } from './RetryPlanModal';
import { fmt, noun } from '../../lib/format';

function codeLabel(code: number | null): string {
  return code === null ? 'no code' : `code ${code}`;
}

/**
 * Failures by Meta's code in plain language, with what to do about each, and the one action that
 * helps most often: a follow-up draft with only the recipients worth trying again.
 */
export function FailuresPanel({
  campaign,
  failures,
  onTable,
}: {
  campaign: Campaign;
  failures: FailureGroup[];
  onTable: () => void;
}) {
  const retry = useStore((s) => (s.retry?.sourceId === campaign.id ? s.retry : null));
  const retryResult = retry?.result ?? null;
  const retryError = retry?.error ?? null;
  const { planRetry, navigate } = useStore.getState();
  const total = failures.reduce((n, f) => n + f.count, 0);
  const finished = campaign.state !== 'sending' && campaign.state !== 'scheduled';
  const plan = useStore((s) => (s.retryPlan?.sourceId === campaign.id ? s.retryPlan.plan : null));
  // The plan, not the failure groups, says how many a retry takes: a "worth retrying" group can
  // hold people WhatsApp asks to wait for, and the button must not promise more than the draft.
  useEffect(() => {
    if (total > 0 && finished) void planRetry(campaign.id, false);
  }, [campaign.id, total, finished, planRetry]);

  if (total === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="failures">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{fmt().count(total)} failed, by reason</Title>
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={onTable}>
            Show them below
          </Button>
          <Button
            size="xs"
            variant="light"
            disabled={!finished || !plan || plan.recipients === 0}
            title={
              !finished
                ? 'Available once the campaign is paused, finished or cancelled.'
                : undefined
            }
            onClick={() => void planRetry(campaign.id)}
            data-testid="retry-failed"
          >
            Retry failed{plan ? ` (${fmt().count(plan.recipients)})` : ''}
          </Button>
        </Group>
      </Group>
      {finished && plan && plan.leftOut.length > 0 && (
        <Paper bg="var(--mantine-color-gray-0)" p="xs" mb="sm" data-testid="retry-summary">
          <Text size="sm" mb={4}>
            Retry failed takes {fmt().countOf(plan.recipients, noun('recipient'))}; not the others:
          </Text>
          <RetryLeftOut plan={plan} />
        </Paper>
      )}
      <Stack gap="sm">
        {failures
          .filter((f) => !f.reasonUnknown)
          .map((f) => (
            <FailureRow key={`${f.code ?? ''}|${f.title}`} f={f} />
          ))}
      </Stack>
      {failures.some((f) => f.reasonUnknown) && (
        // Listed apart: no code means nobody knows whether retrying goes against the customer's wish.
        <Stack gap="sm" mt="md" data-testid="failures-reason-unknown">
          <Text size="sm" fw={600} c="dimmed">
            Reason unknown — not retried automatically
          </Text>
          {failures
            .filter((f) => f.reasonUnknown)
            .map((f) => (
              <FailureRow key={`unknown|${f.explanation}`} f={f} />
            ))}
        </Stack>
      )}
      {retryError && (
        <Alert mt="sm" color="red" title="No follow-up created">
          {retryError.message}
        </Alert>
      )}
      {retryResult && (
        <Alert mt="sm" color="teal" title="Follow-up draft created" data-testid="retry-result">
          <Text size="sm">
            {fmt().countOf(retryResult.recipients, noun('recipient'))}{' '}
            {retryResult.recipients === 1 ? 'is' : 'are'} in a new draft.
            {retryResult.leftOut.length > 0 &&
              ` ${retryResult.leftOut.map((l) => `${fmt().count(l.count)} left out: ${l.reason}`).join('; ')}.`}
            {retryResult.notBefore &&
              ` Send it after ${fmt().date(retryResult.notBefore)}: WhatsApp asks to wait before trying those again.`}
          </Text>
          <Button
            mt="xs"
            size="xs"
            onClick={() => navigate({ page: 'campaign', id: retryResult.campaignId })}
          >
            Open the follow-up
          </Button>
        </Alert>
      )}
      <RetryPlanModal campaignId={campaign.id} />
    </Paper>
  );
}

function FailureRow({ f }: { f: FailureGroup }) {
  return (
    <div data-testid="failure-group" data-code={f.code ?? ''}>
      <Group gap="xs">
        <Text fw={600} size="sm">
          {f.title}
        </Text>
        <Badge variant="light" color="red">
          {fmt().count(f.count)}
        </Badge>
        <Text size="xs" c="dimmed">
          {codeLabel(f.code)}
        </Text>
        {f.retryable && (
          <Badge size="xs" variant="outline" color="blue">
            worth retrying
          </Badge>
        )}
        {f.suppressed && (
          <Badge size="xs" variant="outline" color="gray">
            opted out — never messaged again
          </Badge>
        )}
      </Group>
      <Text size="sm">{f.explanation}</Text>
      <Text size="sm" c="dimmed">
        What to do: {f.action}
      </Text>
    </div>
  );
}
