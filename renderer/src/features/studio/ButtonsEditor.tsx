import { ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import type { ButtonKind, EditorButton } from './editor-model';

const KINDS: { value: ButtonKind; label: string }[] = [
  { value: 'QUICK_REPLY', label: 'Quick reply' },
  { value: 'URL', label: 'Website' },
  { value: 'PHONE_NUMBER', label: 'Call' },
  { value: 'COPY_CODE', label: 'Copy code' },
];
const VALUE_LABEL: Record<ButtonKind, string | null> = {
  QUICK_REPLY: null,
  URL: 'Web address (a variable only at the end, e.g. https://shop.example/orders/{{1}})',
  PHONE_NUMBER: 'Phone number with country code',
  COPY_CODE: 'Sample code',
};

export function ButtonsEditor({
  buttons,
  onChange,
}: {
  buttons: EditorButton[];
  onChange: (buttons: EditorButton[]) => void;
}) {
  const set = (i: number, patch: Partial<EditorButton>) =>
    onChange(buttons.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  return (
    <Stack gap="xs">
      {buttons.map((b, i) => (
        <Stack
          key={i}
          gap={4}
          p="xs"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
        >
          <Group gap="xs" wrap="nowrap">
            <Select
              aria-label={`Button ${i + 1} type`}
              data={KINDS}
              value={b.type}
              onChange={(v) => v && set(i, { type: v })}
              w={140}
            />
            <TextInput
              aria-label={`Button ${i + 1} label`}
              placeholder="Label"
              value={b.text}
              onChange={(e) => set(i, { text: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove button ${i + 1}`}
              onClick={() => onChange(buttons.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
          {VALUE_LABEL[b.type] && (
            <TextInput
              label={VALUE_LABEL[b.type]}
              value={b.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
            />
          )}
          {b.type === 'URL' && /\{\{[^{}]*\}\}/.test(b.value) && (
            <TextInput
              label="Sample address (the full address with a real value)"
              value={b.example}
              onChange={(e) => set(i, { example: e.currentTarget.value })}
            />
          )}
        </Stack>
      ))}
      <Button
        variant="default"
        size="xs"
        onClick={() =>
          onChange([...buttons, { type: 'QUICK_REPLY', text: '', value: '', example: '' }])
        }
        disabled={buttons.length >= 10}
      >
        Add a button
      </Button>
    </Stack>
  );
}
