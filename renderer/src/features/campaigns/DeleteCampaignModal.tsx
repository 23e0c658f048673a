import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CampaignSummary } from '../../../../shared/api';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';

export function DeleteCampaignModal({
  campaign,
  onClose,
}: {
  campaign: CampaignSummary | null;
  onClose: () => void;
}) {
  const deleteCampaign = useStore((s) => s.deleteCampaign);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [campaign]);

  return (
    <Modal opened={campaign !== null} onClose={onClose} title="Delete draft?" centered>
      <Text>
        Delete the draft <b>{campaign?.name}</b>
        {campaign && campaign.recipients > 0
          ? ` and its ${fmt().countOf(campaign.recipients, noun('recipient'))}`
          : ''}
        ? This cannot be undone.
      </Text>
      {error && (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Keep it
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={() => {
            if (!campaign) return;
            setBusy(true);
            void deleteCampaign(campaign.id).then((err) => {
              setBusy(false);
              if (err) setError(err.message);
              else onClose();
            });
          }}
        >
          Delete draft
        </Button>
      </Group>
    </Modal>
  );
}
