import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../../shared/api';
import { checkTemplateDraft, previewDraft } from '../../../../shared/domain/studio';
import { useStore } from '../../store';
import { MessageBubble } from '../templates/MessageBubble';
import { ButtonsEditor } from './ButtonsEditor';
import {
  applyFix,
  bodyVariables,
  EMPTY_EDITOR,
  toDraft,
  type Editor,
  type HeaderKind,
} from './editor-model';
import { FindingsList } from './FindingsList';

const HEADERS: { value: HeaderKind; label: string }[] = [
  { value: 'NONE', label: 'None' },
  { value: 'TEXT', label: 'Text' },
  { value: 'IMAGE', label: 'Image' },
  { value: 'VIDEO', label: 'Video' },
  { value: 'DOCUMENT', label: 'Document' },
];

function DraftsTable() {
  const drafts = useStore((s) => s.studioDrafts);
  const refresh = useStore((s) => s.refreshStudioStatus);
  if (drafts.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Your templates in review
      </Title>
      <Table data-testid="studio-drafts">
        <Table.Tbody>
          {drafts.map((d) => (
            <Table.Tr key={d.id} data-name={d.name}>
              <Table.Td>
                {d.name} ({d.language})
              </Table.Td>
              <Table.Td>
                <Badge
                  data-testid="studio-status"
                  color={
                    d.status === 'APPROVED' ? 'teal' : d.status === 'REJECTED' ? 'red' : 'gray'
                  }
                >
                  {d.status}
                </Badge>{' '}
                {d.category.toLowerCase()}
              </Table.Td>
              <Table.Td>
                {d.rejection && (
                  <Text size="sm" c="red">
                    {d.rejection.reason} {d.rejection.fix}
                  </Text>
                )}
                {d.categoryChange && <Text size="sm">{d.categoryChange}</Text>}
              </Table.Td>
              <Table.Td>
                {d.metaId && (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => void refresh(d.name, d.language)}
                  >
                    Check status
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Write a template, see it as the customer will, fix what the check finds, and submit it. */
export function StudioPage() {
  const [e, setE] = useState<Editor>(EMPTY_EDITOR);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState(false);
  const busy = useStore((s) => s.studioBusy);
  const save = useStore((s) => s.saveStudioDraft);
  useEffect(() => void useStore.getState().loadStudioDrafts(), []);

  const draft = useMemo(() => toDraft(e), [e]);
  const result = useMemo(() => checkTemplateDraft(draft), [draft]);
  const message = useMemo(() => previewDraft(draft), [draft]);
  const set = (patch: Partial<Editor>) => setE((old) => ({ ...old, ...patch }));

  async function submit() {
    setSent(false);
    const err = await save(JSON.stringify(draft), true);
    setError(err);
    setSent(err === null);
  }

  return (
    <Stack>
      <Title order={2}>Template studio</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="lowercase_with_underscores"
              value={e.name}
              onChange={(x) => set({ name: x.currentTarget.value })}
            />
            <Group grow>
              <TextInput
                label="Language"
                value={e.language}
                onChange={(x) => set({ language: x.currentTarget.value })}
              />
              <Select
                label="Category"
                data={['UTILITY', 'MARKETING', 'AUTHENTICATION']}
                value={e.category}
                onChange={(v) => v && set({ category: v })}
              />
            </Group>
            <Select
              label="Variables"
              data={[
                { value: 'POSITIONAL', label: 'Numbered: {{1}}, {{2}}' },
                { value: 'NAMED', label: 'Named: {{first_name}}' },
              ]}
              value={e.parameterFormat}
              onChange={(v) => v && set({ parameterFormat: v })}
            />
            <Text size="sm" fw={500}>
              Header
            </Text>
            <SegmentedControl
              aria-label="Header"
              data={HEADERS}
              value={e.headerKind}
              onChange={(v) => set({ headerKind: v })}
            />
            {e.headerKind === 'TEXT' && (
              <TextInput
                label="Header text (one variable at most)"
                value={e.headerText}
                onChange={(x) => set({ headerText: x.currentTarget.value })}
              />
            )}
            {e.headerKind !== 'NONE' && (
              <TextInput
                label={
                  e.headerKind === 'TEXT'
                    ? 'Sample for the header variable'
                    : 'Sample file (path on this computer)'
                }
                value={e.headerSample}
                onChange={(x) => set({ headerSample: x.currentTarget.value })}
              />
            )}
            <Textarea
              label="Body"
              autosize
              minRows={3}
              value={e.body}
              onChange={(x) => set({ body: x.currentTarget.value })}
            />
            {bodyVariables(e).map((v) => (
              <TextInput
                key={v}
                label={`Sample for {{${v}}}`}
                value={e.examples[v] ?? ''}
                onChange={(x) => set({ examples: { ...e.examples, [v]: x.currentTarget.value } })}
              />
            ))}
            <TextInput
              label="Footer (optional)"
              value={e.footer}
              onChange={(x) => set({ footer: x.currentTarget.value })}
            />
            <Text size="sm" fw={500}>
              Buttons
            </Text>
            <ButtonsEditor buttons={e.buttons} onChange={(buttons) => set({ buttons })} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <Paper withBorder p="md" bg="var(--mantine-color-green-0)" data-testid="studio-preview">
              <MessageBubble message={message} />
            </Paper>
            <FindingsList result={result} onFix={(fix) => setE((old) => applyFix(old, fix))} />
            {error && (
              <Alert color="red" title="Not submitted" style={{ whiteSpace: 'pre-wrap' }}>
                {error.message}
              </Alert>
            )}
            {sent && <Alert color="teal">Submitted to WhatsApp for review.</Alert>}
            <Button onClick={() => void submit()} loading={busy} disabled={!result.ok}>
              Submit for review
            </Button>
          </Stack>
        </Grid.Col>
      </Grid>
      <DraftsTable />
    </Stack>
  );
}
