import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { StudioTemplate } from '../../../../shared/api';
import { useStore } from '../../store';

/**
 * Deleting is confirmed because WhatsApp cannot undo it: campaigns lose the template, and an
 * approved name cannot be used again for 30 days (cloud-api.md §6.2, Meta's template management page).
 */
export function DeleteTemplateModal({
  template,
  onClose,
}: {
  template: StudioTemplate | null;
  onClose: () => void;
}) {
  const remove = useStore((s) => s.removeStudioTemplate);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [template]);

  async function confirm(t: StudioTemplate) {
    setBusy(true);
    const err = await remove(t.name, t.language);
    setBusy(false);
    if (err) setError(err.message);
    else onClose();
  }

  return (
    <Modal opened={template !== null} onClose={onClose} title="Delete this template?" centered>
      {template && (
        <Stack>
          <Text>
            <b>{template.name}</b> ({template.language})
            {template.metaId
              ? ' will be deleted here and at WhatsApp.'
              : ' was never submitted; it is deleted here only.'}
          </Text>
          {template.metaId && (
            <Alert color="orange">
              Campaigns cannot send it any more, and WhatsApp will not accept a new template with
              the name {template.name} for 30 days.
            </Alert>
          )}
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button color="red" loading={busy} onClick={() => void confirm(template)}>
              Delete template
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
