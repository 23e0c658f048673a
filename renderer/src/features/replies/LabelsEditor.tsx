import { Alert, Badge, CloseButton, Group, TextInput, Button } from '@mantine/core';
import { useState } from 'react';
import type { ApiError, CustomerLabel } from '../../../../shared/api';
import { useStore } from '../../store';

const SUGGESTED = ['interested', 'ordered', 'not interested'];

/** The customer's labels, kept on the number in the book (segments and follow-ups use them). */
export function LabelsEditor({ labels }: { labels: CustomerLabel[] }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (label: string, remove: boolean, typed = false) => {
    setBusy(true);
    const e = await useStore.getState().labelCustomer(label, remove);
    setBusy(false);
    setError(e);
    // Only the typed label empties the field: a suggested one answering late must not wipe what the
    // user typed meanwhile (it did, and "Add label" then had nothing to add).
    if (!e && typed) setText((t) => (t === label ? '' : t));
  };
  const have = new Set(labels.map((l) => l.label));
  return (
    <div data-testid="thread-labels">
      <Group gap={6} mb={6}>
        {labels.map((l) => (
          <Badge
            key={l.label}
            variant="light"
            data-testid="thread-label"
            title={l.source === 'button-rule' ? 'Set by a button rule' : 'Set by you'}
            rightSection={
              <CloseButton
                size="xs"
                aria-label={`Remove the label ${l.label}`}
                onClick={() => void change(l.label, true)}
              />
            }
          >
            {l.label}
          </Badge>
        ))}
        {SUGGESTED.filter((s) => !have.has(s)).map((s) => (
          <Button
            key={s}
            size="compact-xs"
            variant="subtle"
            onClick={() => void change(s, false)}
            disabled={busy}
          >
            + {s}
          </Button>
        ))}
      </Group>
      <Group gap="xs" align="flex-start">
        <TextInput
          size="xs"
          aria-label="New label"
          placeholder="Another label"
          value={text}
          maxLength={40}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) void change(text, false, true);
          }}
        />
        <Button
          size="xs"
          variant="light"
          disabled={!text.trim()}
          loading={busy}
          onClick={() => void change(text, false, true)}
        >
          Add label
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt={6} p="xs" data-testid="label-error">
          {error.message}
        </Alert>
      )}
    </div>
  );
}
