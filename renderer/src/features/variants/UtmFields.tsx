import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import {
  hasUtm,
  UTM_KEYS,
  type Slot,
  type UtmKey,
  type UtmParams,
} from '../../../../shared/domain/templates';
import { slotLabel } from '../../../../shared/domain/templates/slot-label';
import { useStore } from '../../store';
import { CommitInput } from '../templates/CommitInput';

const HINT: Record<UtmKey, string> = {
  source: 'e.g. whatsapp',
  medium: 'e.g. message',
  campaign: 'e.g. spring_sale',
  content: 'e.g. the variant',
};

/**
 * UTM tags for a dynamic link button of the variant being edited. The core appends them to the end of
 * the link (after the customer's part, before a #fragment), percent-encoded; the preview and the exact
 * request show the result, so what is seen here is what is sent.
 */
export function UtmFields({ slot, editable }: { slot: Slot; editable: boolean }) {
  const view = useStore((s) => s.variantsView);
  const selected = useStore((s) => s.selectedVariant);
  const variant = view?.variants.find((v) => v.id === selected);
  const button = variant?.urlButtons.find((b) => b.slot === slot.key);
  const utm: UtmParams = variant?.utm[slot.key] ?? {};
  const [open, setOpen] = useState(false);
  if (!view || !variant) return null;
  if (button?.utmBlocked) {
    return (
      <Text size="xs" c="dimmed" data-testid={`utm-blocked-${slot.key}`}>
        UTM tags: {button.utmBlocked}
      </Text>
    );
  }
  const set = (next: UtmParams) =>
    void useStore.getState().setUtm(slot.key, hasUtm(next) ? next : null);
  if (!open && !hasUtm(utm)) {
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        w="fit-content"
        disabled={!editable}
        onClick={() => setOpen(true)}
        data-testid={`utm-open-${slot.key}`}
      >
        Add UTM tags to this link{view.split ? ` (variant ${variant.id})` : ''}
      </Button>
    );
  }
  return (
    <Stack gap={4} data-testid={`utm-${slot.key}`}>
      <Text size="xs" fw={600}>
        UTM tags{view.split ? ` of variant ${variant.id}` : ''}, added to the end of the link
      </Text>
      <Group gap="xs">
        {UTM_KEYS.map((k) => (
          <CommitInput
            key={k}
            size="xs"
            aria-label={`utm_${k} for ${slotLabel(slot)}`}
            placeholder={`utm_${k}: ${HINT[k]}`}
            value={utm[k] ?? ''}
            onCommit={(value) => set({ ...utm, [k]: value })}
            disabled={!editable}
            w={170}
          />
        ))}
      </Group>
      <Group gap="xs">
        {view.split && (
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={!editable || utm.content === variant.label}
            onClick={() => set({ ...utm, content: variant.label })}
          >
            utm_content = “{variant.label}”
          </Button>
        )}
        {hasUtm(utm) && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            disabled={!editable}
            onClick={() => set({})}
          >
            Remove the tags
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Each value is percent-encoded for you; empty ones are left out. The part of the link that
        comes from your file must already be a valid link ending.
      </Text>
    </Stack>
  );
}
