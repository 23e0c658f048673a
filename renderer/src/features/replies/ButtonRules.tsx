import {
  Alert,
  Button,
  CloseButton,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import { useStore } from '../../store';

/** A campaign's button-tap rules: a tap on "Yes, send me the offer" labels the customer "interested". */
export function ButtonRules({
  campaignId,
  campaignName,
}: {
  campaignId: number;
  campaignName: string;
}) {
  const rules = useStore((s) => (s.replyRules?.campaignId === campaignId ? s.replyRules : null));
  const [button, setButton] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void useStore.getState().loadReplyRules(campaignId);
  }, [campaignId]);
  const save = async (b: string, l: string | null) => {
    const e = await useStore.getState().setReplyRule(campaignId, b, l);
    setError(e);
    if (!e && l !== null) {
      setButton('');
      setLabel('');
    }
  };
  return (
    <Paper withBorder p="sm" data-testid="button-rules">
      <Stack gap="xs">
        <Title order={6}>Button rules of “{campaignName}”</Title>
        <Text size="xs" c="dimmed">
          When a customer taps this button of the campaign&apos;s message, they get the label.
          Typing the same words is not a tap.
        </Text>
        {rules?.error && <Alert color="red">{rules.error.message}</Alert>}
        {rules?.rules.map((r) => (
          <Group key={r.button} gap="xs" data-testid="button-rule">
            <Text size="sm">
              “{r.button}” → <b>{r.label}</b>
            </Text>
            <CloseButton
              size="sm"
              aria-label={`Remove the rule for ${r.button}`}
              onClick={() => void save(r.button, null)}
            />
          </Group>
        ))}
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label="Button"
            placeholder="Yes, send me the offer"
            value={button}
            maxLength={200}
            onChange={(e) => setButton(e.currentTarget.value)}
          />
          <TextInput
            size="xs"
            label="Label"
            placeholder="interested"
            value={label}
            maxLength={40}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!button.trim() || !label.trim()}
            onClick={() => void save(button, label)}
          >
            Add rule
          </Button>
        </Group>
        {error && (
          <Alert color="red" p="xs" data-testid="rule-error">
            {error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
