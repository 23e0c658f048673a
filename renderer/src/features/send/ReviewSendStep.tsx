import { Alert, Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Campaign } from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { ProgressView } from '../progress/ProgressView';
import { PacingPanel } from './PacingPanel';
import { DeliveryPanel } from './delivery/DeliveryPanel';
import { ConfirmSendModal } from './confirm/ConfirmSendModal';
import { FiguresList } from './confirm/FiguresList';
import { sendFigures } from './confirm/figures';
import { fmt, noun } from '../../lib/format';

/** Review & send: what will happen, what could stop it, a test to yourself, then Send or Schedule. */
export function ReviewSendStep({ campaign }: { campaign: Campaign }) {
  const precheck = useStore((s) => s.precheck);
  const loading = useStore((s) => s.precheckLoading);
  const error = useStore((s) => s.sendError);
  const progress = useStore((s) => s.sendProgress[campaign.id]);
  const testResult = useStore((s) => s.testResult);
  const accounts = useStore((s) => s.accounts);
  const { runPrecheck, startSending, testSend, loadSendStatus } = useStore.getState();
  const [when, setWhen] = useState('');
  const [testPhone, setTestPhone] = useState('');
  const [confirming, setConfirming] = useState(false);
  const account = accounts.find((a) => a.id === campaign.accountId);
  const reach = useStore((s) => (s.reach?.campaignId === campaign.id ? s.reach : null));
  const pacing = useStore((s) => s.pacing[campaign.id]);
  const figures = sendFigures(
    campaign,
    account,
    reach?.summary ?? null,
    reach?.estimate ?? null,
    pacing,
  );

  useEffect(() => {
    void loadSendStatus(campaign.id);
    if (campaign.state === 'draft') void runPrecheck(campaign.id);
    return api.subscribe('send.progress', (p) => {
      if (p.campaignId === campaign.id) useStore.getState().setSendProgress(p);
    });
  }, [campaign.id, campaign.state, runPrecheck, loadSendStatus]);

  if (campaign.state !== 'draft') {
    return (
      <Stack>
        <ProgressView campaign={campaign} progress={progress} />
        {campaign.state === 'paused' && <PacingPanel campaign={campaign} />}
        {(campaign.state === 'paused' || campaign.state === 'scheduled') && (
          <DeliveryPanel campaign={campaign} />
        )}
      </Stack>
    );
  }

  const scheduleAt = when ? new Date(when).getTime() : undefined;
  return (
    <Stack data-testid="review-step">
      {error && (
        <Alert
          color="red"
          title="Not started"
          data-testid="send-error"
          withCloseButton
          onClose={() => useStore.getState().dismissSendError()}
        >
          {error.message}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>Before sending</Title>
          <Button
            variant="subtle"
            size="xs"
            loading={loading}
            onClick={() => void runPrecheck(campaign.id)}
          >
            Check again
          </Button>
        </Group>
        {precheck ? (
          <List spacing={4} data-testid="prechecks">
            {precheck.items.map((i) => (
              <List.Item
                key={i.id}
                icon={
                  <Text c={i.ok ? 'teal' : i.severity === 'warning' ? 'orange' : 'red'}>
                    {i.ok ? '✓' : '!'}
                  </Text>
                }
              >
                <Text size="sm">{i.message}</Text>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">Checking…</Text>
        )}
        {reach && (
          <Stack gap={4} mt="md" data-testid="review-figures">
            <Title order={5}>What will be sent</Title>
            <FiguresList figures={figures} />
          </Stack>
        )}
        {account && (
          <Text size="sm" c="dimmed" mt="sm">
            Sends from {account.name}
            {account.displayPhoneNumber ? ` (${fmt().phone(account.displayPhoneNumber)})` : ''} at
            up to {fmt().countOf(account.ratePerSecond, noun('message'))} per second
            {account.messagingLimit
              ? `, at most ${fmt().count(account.messagingLimit)} people per 24 hours`
              : ''}
            .
          </Text>
        )}
      </Paper>
      <PacingPanel campaign={campaign} />
      <DeliveryPanel campaign={campaign} />
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Send a test to yourself
        </Title>
        <Group align="flex-end">
          <TextInput
            label="Your WhatsApp number"
            placeholder="+44 7911 123456"
            value={testPhone}
            onChange={(e) => setTestPhone(e.currentTarget.value)}
            w={260}
          />
          <Button
            variant="light"
            disabled={!testPhone.trim()}
            onClick={() => void testSend(campaign.id, testPhone)}
          >
            Send test
          </Button>
        </Group>
        {testResult && (
          <Alert mt="sm" color={testResult.ok ? 'teal' : 'red'} data-testid="test-result">
            {testResult.ok
              ? account?.kind === 'sandbox'
                ? // The Sandbox is our simulation of Meta: nothing leaves this computer.
                  `The Sandbox accepted the test for ${fmt().phone(testResult.to)}. It is a simulation: no message reaches a phone. Connect a WhatsApp Business account in Settings to send real tests.`
                : `Sent to ${fmt().phone(testResult.to)}. Check WhatsApp on that phone: it usually arrives within a minute.`
              : `${testResult.message} ${testResult.action}`}
          </Alert>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Group align="flex-end" justify="space-between">
          <TextInput
            type="datetime-local"
            label="Send later (optional)"
            description="Your computer's time zone. The app must be running then."
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
            w={260}
          />
          <Button
            size="md"
            disabled={!precheck?.ok || !reach || figures.willReceive === 0}
            onClick={() => setConfirming(true)}
            data-testid="send-button"
          >
            {scheduleAt && scheduleAt > Date.now()
              ? 'Schedule'
              : `Send to ${fmt().countOf(figures.willReceive, noun('recipient'))}`}
          </Button>
        </Group>
      </Paper>
      <ConfirmSendModal
        opened={confirming}
        figures={figures}
        scheduleAt={scheduleAt && scheduleAt > Date.now() ? scheduleAt : undefined}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void startSending(campaign.id, scheduleAt);
        }}
      />
    </Stack>
  );
}
