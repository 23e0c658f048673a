import { Anchor, Button, Group, Text } from '@mantine/core';
import type { ValidationReason } from '../../../../shared/api';
import {
  CELL_FIX_TEXT,
  type CellFix,
  type MappingSource,
  type Slot,
} from '../../../../shared/domain/templates';
import { slotLabel } from '../../../../shared/domain/templates/slot-label';
import { useStore } from '../../store';

/** The problems a cell fix removes without guessing (shared/domain/templates/cell-fix.ts). */
const FIX_FOR: Partial<Record<ValidationReason['code'], CellFix>> = {
  PARAMETER_HAS_NEWLINE: 'spaces',
  PARAMETER_TOO_MANY_SPACES: 'spaces',
  URL_SUFFIX_NOT_ENCODED: 'encode',
};

type ColumnSource = Extract<MappingSource, { kind: 'column' }>;

/**
 * One-click fixes beside a validation reason (issue 15 item 8): the fix goes into the slot's
 * mapping, so the preview and every recipient get it, and the slot shows it with an Undo.
 */
export function CellFixButtons({ reason, slots }: { reason: ValidationReason; slots: Slot[] }) {
  const mapping = useStore((s) => s.setup?.mapping);
  const editable = useStore((s) => s.setup?.editable ?? false);
  const fix = FIX_FOR[reason.code];
  const empty = reason.code === 'EMPTY_PARAMETER';
  if (!mapping || !editable || (!fix && !empty)) return null;
  const offers = reason.slots.flatMap((key) => {
    const src = mapping[key];
    const slot = slots.find((s) => s.key === key);
    if (src?.kind !== 'column' || !slot) return [];
    if (fix && src.fix !== fix) return [{ key, src, slot }];
    if (empty && src.fallback === undefined) return [{ key, src, slot }];
    return [];
  });
  if (offers.length === 0) return null;
  const apply = (key: string, src: ColumnSource) =>
    void useStore.getState().setSlot(key, fix ? { ...src, fix } : { ...src, fallback: '' });
  return (
    <Group gap={6} mt={6}>
      {offers.map(({ key, src, slot }) => (
        <Button
          key={key}
          size="compact-xs"
          variant="light"
          data-testid="cell-fix"
          // The reason's column is narrow: the label wraps instead of running out of the panel.
          h="auto"
          py={4}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
          onClick={() => apply(key, src)}
        >
          {fix
            ? `${CELL_FIX_TEXT[fix].action} in ${slotLabel(slot)}`
            : `Use a text when ${slotLabel(slot)} is empty`}
        </Button>
      ))}
    </Group>
  );
}

/** Under a fixed slot: what the fix does, and the way back. */
export function CellFixNote({
  src,
  onUndo,
}: {
  src: MappingSource | undefined;
  onUndo?: () => void;
}) {
  if (src?.kind !== 'column' || !src.fix) return null;
  return (
    <Group gap={6} data-testid="slot-fix">
      <Text size="xs" c="teal">
        {CELL_FIX_TEXT[src.fix].done}.
      </Text>
      {onUndo && (
        <Anchor size="xs" component="button" onClick={onUndo}>
          Undo
        </Anchor>
      )}
    </Group>
  );
}
