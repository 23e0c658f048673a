import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Code,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { Preview, VariantPreview } from '../../../../shared/api';
import { useStore } from '../../store';
import type { PreviewTarget } from '../../store/slices/templates';
import { MessageBubble } from './MessageBubble';
import { PreviewLanguage } from '../translations/PreviewLanguage';
import { fmt, noun } from '../../lib/format';
import { inFormWords } from '../../../../shared/domain/templates/slot-label';

type Show = (target: PreviewTarget) => Promise<void>;

function Navigator({ preview, show }: { preview: Preview | null; show: Show }) {
  const [row, setRow] = useState<string | number>('');
  const [search, setSearch] = useState('');
  if (!preview) return null;
  const gets = (preview as Partial<VariantPreview>).recipientVariant ?? null;
  const r = preview.recipient;
  return (
    <Stack gap="xs">
      <Group gap="xs" justify="space-between">
        <Group gap={4}>
          <ActionIcon
            variant="default"
            aria-label="Previous recipient"
            disabled={preview.prevId === null}
            onClick={() => preview.prevId !== null && void show({ recipientId: preview.prevId })}
          >
            ‹
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label="Next recipient"
            disabled={preview.nextId === null}
            onClick={() => preview.nextId !== null && void show({ recipientId: preview.nextId })}
          >
            ›
          </ActionIcon>
          <Text size="sm" data-testid="preview-position">
            {r
              ? `Recipient ${fmt().count(preview.position)} of ${fmt().count(preview.total)}${preview.filteredFrom != null ? ' in the audience filter' : ''} · row ${r.rowNumber} · ${r.phone}`
              : preview.filteredFrom
                ? 'Nobody is left once the audience filter (and the frequency cap) are applied: the preview shows the template.'
                : 'No recipients yet: the preview shows the template.'}
          </Text>
        </Group>
        {r?.state === 'skipped' && (
          <Badge color="gray" variant="light">
            Skipped: {r.skipReason ?? 'yes'}
          </Badge>
        )}
        {gets !== null && r?.state !== 'skipped' && (
          <Badge
            variant="light"
            color={gets === (preview as VariantPreview).variant ? 'teal' : 'gray'}
            data-testid="preview-recipient-variant"
          >
            Gets variant {gets}
          </Badge>
        )}
      </Group>
      <Group gap="xs" align="flex-end">
        <NumberInput
          aria-label="Go to row"
          placeholder="Row in your file"
          value={row}
          onChange={setRow}
          min={1}
          allowDecimal={false}
          w={160}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && typeof row === 'number') void show({ row });
          }}
        />
        <TextInput
          aria-label="Find a recipient"
          placeholder="Find a name, phone or value…"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter again finds the next match.
            if (e.key === 'Enter' && search.trim() !== '')
              void show({ search: search.trim(), ...(r ? { recipientId: r.id } : {}) });
          }}
          w={260}
        />
      </Group>
      {preview.filteredFrom != null && (
        <Text size="xs" c="dimmed" data-testid="preview-filtered">
          Only the {fmt().count(preview.total)} of{' '}
          {fmt().countOf(preview.filteredFrom, noun('recipient'))} who will be sent to are shown
          (the audience filter and the frequency cap leave the others out).
        </Text>
      )}
      {preview.notFound && (
        <Text size="sm" c="orange" data-testid="preview-not-found">
          {preview.notFound}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The live preview: this recipient's message as WhatsApp shows it, and the exact request. An A/B
 * split passes the selected variant's preview (which also says which variant the recipient gets).
 */
export function PreviewPanel(props: { preview?: VariantPreview | null; onShow?: Show } = {}) {
  const slots = useStore((s) => s.setup?.template?.slots);
  const campaignPreview = useStore((s) => s.messagePreview);
  const preview = props.preview !== undefined ? props.preview : campaignPreview;
  const show = props.onShow ?? useStore.getState().showRecipient;
  const variant = (preview as Partial<VariantPreview> | null)?.variant;
  return (
    <Paper withBorder p="md" data-testid="message-preview" data-variant={variant ?? ''}>
      <Stack gap="sm">
        <Title order={4}>Preview{variant ? ` of variant ${variant}` : ''}</Title>
        <Navigator preview={preview} show={show} />
        {preview?.language && (
          <PreviewLanguage language={preview.language} hasRecipient={preview.recipient !== null} />
        )}
        {preview?.unavailable && <Alert color="gray">{preview.unavailable}</Alert>}
        {preview?.message && <MessageBubble message={preview.message} />}
        {preview && preview.problems.length > 0 && (
          <Alert color="red" title="This recipient would be skipped" data-testid="preview-problems">
            {preview.problems.map((p, i) => (
              <Text key={i} size="sm">
                {inFormWords(p.message, slots ?? [])}
              </Text>
            ))}
          </Alert>
        )}
        {preview?.message && (
          <Accordion variant="contained">
            <Accordion.Item value="body">
              <Accordion.Control>Exact request sent to WhatsApp</Accordion.Control>
              <Accordion.Panel>
                {preview.requestBody ? (
                  <Code
                    block
                    data-testid="request-body"
                    style={{ maxHeight: 320, overflow: 'auto' }}
                  >
                    {JSON.stringify(preview.requestBody, null, 2)}
                  </Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    None yet.
                  </Text>
                )}
                {preview.requestNotes.map((n) => (
                  <Text key={n} size="xs" c="dimmed" mt={4}>
                    {n}
                  </Text>
                ))}
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Stack>
    </Paper>
  );
}
