import { Alert, Badge, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ApiError, MessageSetup, TemplateInfo } from '../../../../shared/api';
import { useStore } from '../../store';
import { fmt } from '../../lib/format';

const STATUS_COLOR: Record<string, string> = {
  APPROVED: 'teal',
  PENDING: 'yellow',
  PAUSED: 'orange',
  REJECTED: 'red',
  DISABLED: 'red',
};

const optionLabel = (t: TemplateInfo) =>
  `${t.name} (${t.language})${t.status === 'APPROVED' ? '' : ` · ${t.status.toLowerCase()}`}`;

function AddTemplateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [json, setJson] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const e = await useStore.getState().addTemplateJson(json);
    setBusy(false);
    setError(e);
    if (!e) {
      setJson('');
      onClose();
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Add a template from its JSON" size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          Paste a template as WhatsApp Manager or the API shows it (one template, a list, or a whole{' '}
          {'{"data": [...]}'} page). It is kept as a manual template until a sync brings the real
          one; without a status it counts as pending.
        </Text>
        <Textarea
          label="Template JSON"
          value={json}
          onChange={(e) => setJson(e.currentTarget.value)}
          autosize
          minRows={8}
          maxRows={20}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        />
        {error && (
          <Alert color="red" title="This JSON cannot be used" data-testid="add-template-error">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {error.message}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={json.trim() === ''}>
            Add template
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Pick the campaign's template: approved ones are selectable, the others show why they are not.
 * With `setup` and `onChoose` it picks an A/B variant's template instead of the campaign's own.
 */
export function TemplatePicker(
  props: {
    setup?: MessageSetup | null;
    onChoose?: (templateId: number) => void;
    label?: string;
  } = {},
) {
  const list = useStore((s) => s.templateList);
  const campaignSetup = useStore((s) => s.setup);
  const setup = props.setup !== undefined ? props.setup : campaignSetup;
  const choose = props.onChoose ?? ((id: number) => void useStore.getState().chooseTemplate(id));
  const syncing = useStore((s) => s.syncing);
  const [adding, setAdding] = useState(false);
  const templates = list?.templates ?? [];
  const chosen = setup?.template ?? null;

  return (
    <Stack gap="xs" data-testid="template-picker">
      <Group align="flex-end" gap="sm">
        <Select
          label={props.label ?? 'Template'}
          placeholder={
            templates.length === 0
              ? 'No templates yet: sync or add one'
              : 'Choose an approved template'
          }
          data={templates.map((t) => ({
            value: String(t.id),
            label: optionLabel(t),
            disabled: t.status !== 'APPROVED' && t.id !== chosen?.id,
          }))}
          value={chosen ? String(chosen.id) : null}
          onChange={(v) => v !== null && choose(Number(v))}
          disabled={!setup?.editable}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No template by that name"
          w={360}
        />
        <Button
          variant="light"
          loading={syncing}
          onClick={() => void useStore.getState().syncTemplates()}
        >
          Sync templates
        </Button>
        <Button variant="subtle" onClick={() => setAdding(true)}>
          Add template JSON…
        </Button>
      </Group>
      <Text size="xs" c="dimmed" data-testid="templates-synced">
        {list?.syncedAt
          ? `Templates synced ${fmt().date(list.syncedAt)}.`
          : 'Templates not synced yet.'}{' '}
        Only approved templates can be sent; the others are listed with their status.
      </Text>
      {chosen && (
        <Group gap="xs">
          <Badge color={STATUS_COLOR[chosen.status] ?? 'gray'} variant="light">
            {chosen.status}
          </Badge>
          <Badge variant="outline">{chosen.category}</Badge>
          <Badge variant="outline">
            {chosen.parameterFormat === 'NAMED' ? 'Named variables' : 'Numbered variables'}
          </Badge>
          {chosen.source === 'manual' && <Badge variant="outline">Added by hand</Badge>}
          {chosen.qualityScore && <Badge variant="outline">Quality: {chosen.qualityScore}</Badge>}
        </Group>
      )}
      {setup?.templateWarning && (
        <Alert
          color="orange"
          title="This template cannot be sent right now"
          data-testid="template-warning"
        >
          {setup.templateWarning}
        </Alert>
      )}
      {chosen && chosen.problems.length > 0 && (
        <Alert color="yellow" title="Problems in the template itself">
          {chosen.problems.map((p) => (
            <Text key={p} size="sm">
              {p}
            </Text>
          ))}
        </Alert>
      )}
      <AddTemplateModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
