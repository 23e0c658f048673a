import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { VariantsView } from '../../../../shared/api';
import { MAX_VARIANTS, sharesProblem, VARIANT_IDS } from '../../../../shared/domain/variants';
import { useStore } from '../../store';
import { CommitInput } from '../templates/CommitInput';
import { fmt, noun } from '../../lib/format';

/** The proportions of the split, edited together (they must add up to 100) and applied at once. */
function SplitEditor({ view }: { view: VariantsView }) {
  const [draft, setDraft] = useState<Record<string, number | string>>({});
  const [error, setError] = useState<string | null>(null);
  const stored = Object.fromEntries(view.variants.map((v) => [v.id, v.share]));
  const key = view.variants.map((v) => `${v.id}:${v.share}`).join(',');
  // New proportions from the core (another window, the CLI, a variant added) replace local edits.
  useEffect(() => setDraft({}), [key]);
  const value = (id: string) => draft[id] ?? stored[id] ?? 0;
  const numbers = view.variants.map((v) => Number(value(v.id)));
  const problem = numbers.some((n) => Number.isNaN(n))
    ? 'Give every variant a proportion.'
    : sharesProblem(numbers);
  const changed = view.variants.some((v) => Number(value(v.id)) !== v.share);
  const apply = async () => {
    const e = await useStore
      .getState()
      .setVariantShares(Object.fromEntries(view.variants.map((v) => [v.id, Number(value(v.id))])));
    setError(e?.message ?? null);
  };
  return (
    <Stack gap={4}>
      <Group gap="sm" align="flex-end">
        {view.variants.map((v) => (
          <Stack key={v.id} gap={0}>
            <NumberInput
              label={`Variant ${v.id} (%)`}
              aria-label={`Share of variant ${v.id}`}
              value={value(v.id)}
              onChange={(n) => setDraft((d) => ({ ...d, [v.id]: n }))}
              min={1}
              max={99}
              allowDecimal={false}
              disabled={!view.editable}
              w={120}
              size="xs"
            />
            <Text size="xs" c="dimmed" data-testid={`variant-recipients-${v.id}`}>
              {fmt().countOf(v.recipients, noun('recipient'))}
            </Text>
          </Stack>
        ))}
        <Button
          size="xs"
          disabled={!view.editable || !changed || problem !== null}
          onClick={() => void apply()}
          data-testid="apply-split"
        >
          Apply proportions
        </Button>
        <Button
          size="xs"
          variant="subtle"
          disabled={!view.editable}
          onClick={() => void useStore.getState().reshuffleVariants()}
          title="Draw who gets which variant again"
        >
          Shuffle again
        </Button>
      </Group>
      {changed && problem && (
        <Text size="xs" c="red" data-testid="split-problem">
          {problem}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Above the Message tab's template and mapping: the A/B split (up to three variants), which variant the
 * tab edits, its name and proportion. Variant A is the campaign's own message; B and C are edited with
 * the same template picker, mapping rows and preview.
 */
export function VariantBar() {
  const view = useStore((s) => s.variantsView);
  const selected = useStore((s) => s.selectedVariant);
  const error = useStore((s) => s.variantError);
  const { selectVariant, addVariant, removeVariant, renameVariant, dismissVariantError } =
    useStore.getState();
  if (!view) return null;
  const next = VARIANT_IDS[view.variants.length];
  const current = view.variants.find((v) => v.id === selected);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="variant-bar"
      data-split={view.split ? 'true' : 'false'}
      data-selected={selected}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={5}>{view.split ? 'A/B test' : 'Everybody gets this message'}</Title>
            {view.split && (
              <SegmentedControl
                size="xs"
                aria-label="Variant to edit"
                data-testid="variant-selector"
                value={selected}
                onChange={(v) => void selectVariant(v)}
                data={view.variants.map((v) => ({
                  value: v.id,
                  label: `${v.id}${v.label !== v.id ? ` · ${v.label}` : ''} · ${v.share}%`,
                }))}
              />
            )}
            {view.variants
              .filter((v) => v.problems.length > 0 && view.split)
              .map((v) => (
                <Badge key={v.id} color="red" variant="light" title={v.problems.join(' ')}>
                  {v.id}: {v.problems.length} to fix
                </Badge>
              ))}
          </Group>
          <Button
            size="xs"
            variant="light"
            disabled={!view.editable || view.variants.length >= MAX_VARIANTS}
            onClick={() => void addVariant()}
            data-testid="add-variant"
          >
            {next ? `Add variant ${next}` : 'Three variants at most'}
          </Button>
        </Group>
        {!view.split && (
          <Text size="xs" c="dimmed">
            Add a variant to test another template or wording on part of the audience, chosen at
            random.
          </Text>
        )}
        {view.split && <SplitEditor view={view} />}
        {view.split && current && (
          <Group gap="xs" align="flex-end">
            <CommitInput
              size="xs"
              label={`Name of variant ${current.id}`}
              value={current.label}
              onCommit={(label) =>
                label.trim() !== '' && void renameVariant(current.id, label.trim())
              }
              disabled={!view.messageEditable}
              w={220}
            />
            {current.id !== 'A' && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={!view.editable}
                onClick={() => void removeVariant(current.id as 'B' | 'C')}
              >
                Remove variant {current.id}
              </Button>
            )}
            <Text size="xs" c="dimmed">
              {current.id === 'A'
                ? 'Variant A is the campaign’s own template and mapping.'
                : `Editing variant ${current.id}: its own template and mapping below.`}
            </Text>
          </Group>
        )}
        {error && (
          <Alert
            color="red"
            withCloseButton
            onClose={dismissVariantError}
            data-testid="variant-error"
          >
            {error.message}
          </Alert>
        )}
        {view.split && (
          <Text size="xs" c="dimmed">
            {view.note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
