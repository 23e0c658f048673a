import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ApiError, StudioTemplate } from '../../../../shared/api';
import {
  checkTemplateDraft,
  EDIT_LIMITS_TEXT,
  editRefusal,
  previewDraft,
} from '../../../../shared/domain/studio';
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
import { DeleteTemplateModal } from './DeleteTemplateModal';
import { DraftsTable } from './DraftsTable';
import { FindingsList } from './FindingsList';
import { LibraryPanel } from './LibraryPanel';

const HEADERS: { value: HeaderKind; label: string }[] = [
  { value: 'NONE', label: 'None' },
  { value: 'TEXT', label: 'Text' },
  { value: 'IMAGE', label: 'Image' },
  { value: 'VIDEO', label: 'Video' },
  { value: 'DOCUMENT', label: 'Document' },
];

/** Write a template, see it as the customer will, fix what the check finds, and submit it. */
export function StudioPage() {
  const [e, setE] = useState<Editor>(EMPTY_EDITOR);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState(false);
  // The template opened for an edit: its name and language are fixed, its status sets the rules.
  const [editing, setEditing] = useState<StudioTemplate | null>(null);
  const [doomed, setDoomed] = useState<StudioTemplate | null>(null);
  // An empty form is not wrong yet: findings show once a field changed, or on "Check".
  const [touched, setTouched] = useState(false);
  const busy = useStore((s) => s.studioBusy);
  const save = useStore((s) => s.saveStudioDraft);
  const drafts = useStore((s) => s.studioDrafts);
  useEffect(() => void useStore.getState().loadStudioDrafts(), []);

  const draft = useMemo(() => toDraft(e), [e]);
  const result = useMemo(() => checkTemplateDraft(draft), [draft]);
  const message = useMemo(() => previewDraft(draft), [draft]);
  const set = (patch: Partial<Editor>) => {
    setTouched(true);
    setE((old) => ({ ...old, ...patch }));
  };
  // A template deleted while open leaves the form as a new template.
  useEffect(() => {
    if (editing && !drafts.some((d) => d.id === editing.id)) {
      setEditing(null);
      setE(EMPTY_EDITOR);
    }
  }, [drafts, editing]);
  const refusal = editing ? editRefusal(editing, draft) : null;

  function startEdit(t: StudioTemplate, form: Editor) {
    setEditing(t);
    setE(form);
    setTouched(true);
    setError(null);
    setSent(false);
  }
  function stopEdit() {
    setEditing(null);
    setE(EMPTY_EDITOR);
    setTouched(false);
  }
  const library = (
    <Paper withBorder p="md">
      <LibraryPanel />
    </Paper>
  );
  // A first-time user starts from Meta's pre-approved templates: offered first while nothing is written.
  const libraryFirst = !touched && editing === null;

  async function submit() {
    setSent(false);
    const err = await save(JSON.stringify(draft), true);
    setError(err);
    setSent(err === null);
    // An edit in review cannot be changed again: the form goes back to a new template.
    if (err === null && editing) stopEdit();
  }

  return (
    <Stack>
      <Title order={2}>Template studio</Title>
      {libraryFirst && (
        <Stack gap={4}>
          <Title order={4}>Start from Meta’s library</Title>
          <Text size="sm" c="dimmed">
            Pre-approved templates for orders, deliveries, appointments and payments: fill in your
            business’s values and they can be sent at once. Or write your own below.
          </Text>
          {library}
        </Stack>
      )}
      {editing && (
        <Alert
          color="blue"
          title={`Editing ${editing.name} (${editing.language})`}
          data-testid="studio-editing"
        >
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              {editing.metaId
                ? `${EDIT_LIMITS_TEXT} The edit is reviewed again before it can be sent.`
                : 'Not submitted yet.'}
            </Text>
            <Button size="xs" variant="default" onClick={stopEdit} style={{ flexShrink: 0 }}>
              Stop editing
            </Button>
          </Group>
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="lowercase_with_underscores"
              value={e.name}
              disabled={editing !== null}
              onChange={(x) => set({ name: x.currentTarget.value })}
            />
            <Group grow>
              <TextInput
                label="Language"
                value={e.language}
                disabled={editing !== null}
                onChange={(x) => set({ language: x.currentTarget.value })}
              />
              <Select
                label="Category"
                data={['UTILITY', 'MARKETING', 'AUTHENTICATION']}
                value={e.category}
                error={refusal}
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
                    : /^\d+::/.test(e.headerSample)
                      ? 'Sample file (uploaded to WhatsApp; or the path of a new one)'
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
            {touched ? (
              <FindingsList result={result} onFix={(fix) => setE((old) => applyFix(old, fix))} />
            ) : (
              <Group justify="space-between" data-testid="studio-unchecked">
                <Text size="sm" c="dimmed">
                  The check runs as you write: what WhatsApp would reject shows here.
                </Text>
                <Button size="xs" variant="default" onClick={() => setTouched(true)}>
                  Check
                </Button>
              </Group>
            )}
            {error && (
              <Alert color="red" title="Not submitted" style={{ whiteSpace: 'pre-wrap' }}>
                {error.message}
              </Alert>
            )}
            {sent && <Alert color="teal">Submitted to WhatsApp for review.</Alert>}
            <Button
              onClick={() => void submit()}
              loading={busy}
              disabled={!result.ok || refusal !== null}
            >
              {editing?.metaId ? 'Submit the edit for review' : 'Submit for review'}
            </Button>
          </Stack>
        </Grid.Col>
      </Grid>
      {!libraryFirst && library}
      <DraftsTable onEdit={startEdit} onDelete={setDoomed} />
      <DeleteTemplateModal template={doomed} onClose={() => setDoomed(null)} />
    </Stack>
  );
}
