import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ServiceWindow, TemplateInfo } from '../../../../shared/api';
import { resolveMessageValues, type Mapping } from '../../../../shared/domain/templates';
import { renderMessage } from '../../../../shared/domain/templates/render';
import { slotLabel } from '../../../../shared/domain/templates/slot-label';
import { api } from '../../lib/api';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';
import { MessageBubble } from '../templates/MessageBubble';

/** Typed values as the campaign form's fixed texts, so the preview fills in as the user types. */
function previewOf(template: TemplateInfo, values: Record<string, string>) {
  const mapping: Mapping = {};
  for (const s of template.slots) mapping[s.key] = { kind: 'static', value: values[s.key] ?? '' };
  return renderMessage(template.template, resolveMessageValues(template.template, mapping, {}, {}));
}

/**
 * Outside the customer-service window WhatsApp takes only a template: the answer box gives way to
 * the account's approved templates, previewed with the campaign editor's bubble.
 */
export function TemplateAnswer({
  window,
  accountId,
}: {
  window: ServiceWindow;
  accountId: number | null;
}) {
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (accountId === null) return;
    void api.call('templates.list', { accountId }).then((r) => {
      if (r.ok) setTemplates(r.value.templates.filter((t) => t.status === 'APPROVED'));
      else setError(r.error.message);
    });
  }, [accountId]);
  const template = templates?.find((t) => String(t.id) === chosen) ?? null;
  const message = useMemo(
    () => (template ? previewOf(template, values) : null),
    [template, values],
  );
  const choose = (id: string | null) => {
    setChosen(id);
    setValues({});
  };
  const send = async () => {
    if (!template) return;
    setBusy(true);
    // A refusal shows above (ThreadView's answer error); the typed values stay.
    const e = await useStore.getState().answerWithTemplate(template.id, values);
    setBusy(false);
    if (!e) choose(null);
  };
  return (
    <Paper withBorder p="sm" data-testid="template-answer">
      <Stack gap="xs">
        <Alert color="yellow" title="The 24-hour window is closed" data-testid="window-closed">
          {window.closesAt
            ? `This customer last wrote more than 24 hours ago (the window closed ${fmt().date(window.closesAt, 'dateTime')}). `
            : 'This customer has not written to you. '}
          WhatsApp now only lets you send an approved template; free-form text would be refused.
        </Alert>
        {accountId === null ? (
          <Text size="sm" c="dimmed">
            No account received this customer&apos;s messages, so there is no template to offer.
          </Text>
        ) : (
          <Select
            label="Template"
            placeholder={
              templates && templates.length === 0
                ? 'No approved template: sync templates in a campaign'
                : 'Choose an approved template'
            }
            data={(templates ?? []).map((t) => ({
              value: String(t.id),
              label: `${t.name} (${t.language})`,
            }))}
            value={chosen}
            onChange={choose}
            searchable
            data-testid="template-answer-picker"
          />
        )}
        {error && <Alert color="red">{error}</Alert>}
        {message && <MessageBubble message={message} />}
        {template?.slots.map((slot) => (
          <TextInput
            key={slot.key}
            label={slotLabel(slot)}
            placeholder={slot.example ?? ''}
            value={values[slot.key] ?? ''}
            maxLength={1024}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, [slot.key]: value }));
            }}
          />
        ))}
        {template && (
          <Group justify="flex-end">
            <Button onClick={() => void send()} loading={busy} data-testid="template-answer-send">
              Send template
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
