import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

interface Props {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialName?: string;
  onClose: () => void;
  /** Returns an error message to show, or null when done. */
  onSubmit: (name: string) => Promise<string | null>;
}

/** One dialog for "new campaign" and "rename": same field, same rules, same errors. */
export function CampaignNameModal({ opened, title, submitLabel, initialName = '', onClose, onSubmit }: Props) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (opened) {
      setName(initialName);
      setError(null);
    }
  }, [opened, initialName]);

  const submit = async () => {
    setBusy(true);
    const message = await onSubmit(name);
    setBusy(false);
    if (message) setError(message);
    else onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput
          label="Campaign name"
          placeholder="e.g. Spring sale reminder"
          description="Only you see this name; customers never do."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          data-autofocus
          maxLength={200}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
