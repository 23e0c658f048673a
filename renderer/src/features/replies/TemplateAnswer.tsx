import { Alert, Paper, Select, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ServiceWindow, TemplateInfo } from '../../../../shared/api';
import { renderMessage } from '../../../../shared/domain/templates/render';
import { api } from '../../lib/api';
import { fmt } from '../../lib/format';
import { MessageBubble } from '../templates/MessageBubble';

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
  useEffect(() => {
    if (accountId === null) return;
    void api.call('templates.list', { accountId }).then((r) => {
      if (r.ok) setTemplates(r.value.templates.filter((t) => t.status === 'APPROVED'));
      else setError(r.error.message);
    });
  }, [accountId]);
  const template = templates?.find((t) => String(t.id) === chosen) ?? null;
  const message = useMemo(
    () => (template ? renderMessage(template.template, {}) : null),
    [template],
  );
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
            onChange={setChosen}
            searchable
            data-testid="template-answer-picker"
          />
        )}
        {error && <Alert color="red">{error}</Alert>}
        {message && <MessageBubble message={message} />}
        {template && (
          <Text size="xs" c="dimmed">
            Send it to this customer with a campaign: its placeholders ({'{{…}}'}) are filled from
            the campaign&apos;s customer list.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
