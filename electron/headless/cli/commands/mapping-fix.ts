import {
  CELL_FIXES,
  type CellFix,
  type Mapping,
  type MappingSource,
  type Slot,
} from '../../../../shared/domain/templates';
import { slotLabel } from '../../../../shared/domain/templates/slot-label';
import { UsageError } from '../framework';

/**
 * `campaigns map --fix SLOT=FIX`: the CLI's side of the Message form's one-click fixes
 * (shared/domain/templates/cell-fix.ts). SLOT is the key `--var` takes (`button.0`) or the form's
 * label ("Button 1: end of the link {{1}}", any case); FIX is `spaces`, `encode` or `none` to undo.
 * A fix belongs to a column's values, so the slot must be filled from a column.
 */
export const FIX_USAGE = "--fix 'SLOT=spaces|encode|none'";

const FIX_NAMES = [...CELL_FIXES, 'none'] as const;

function findSlot(slots: readonly Slot[], name: string): Slot | undefined {
  const wanted = name.trim().toLowerCase();
  return slots.find((s) => s.key.toLowerCase() === wanted || slotLabel(s).toLowerCase() === wanted);
}

/** Applies each `--fix` to `mapping` (a copy is returned); usage errors name what to write instead. */
export function applyFixOptions(
  mapping: Mapping,
  slots: readonly Slot[],
  fixes: readonly string[],
): Mapping {
  const next: Mapping = { ...mapping };
  for (const f of fixes) {
    const eq = f.lastIndexOf('=');
    const slot = eq < 0 ? undefined : findSlot(slots, f.slice(0, eq));
    if (!slot)
      throw new UsageError(
        `--fix ${f}: write SLOT=FIX with one of ${slots.map((s) => s.key).join(', ') || '(this template has none)'}.`,
      );
    const fix = f
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (!(FIX_NAMES as readonly string[]).includes(fix))
      throw new UsageError(`--fix ${f}: the fix is one of ${FIX_NAMES.join(', ')}.`);
    const src = next[slot.key];
    if (src?.kind !== 'column')
      throw new UsageError(
        `--fix ${f}: ${slot.key} is not filled from a column; a fix changes a column's values. Map it first: --var '${slot.key}=@{column}'.`,
      );
    next[slot.key] = withFix(src, fix === 'none' ? undefined : (fix as CellFix));
  }
  return next;
}

function withFix(src: Extract<MappingSource, { kind: 'column' }>, fix: CellFix | undefined) {
  const { fix: _old, ...rest } = src;
  return fix ? { ...rest, fix } : rest;
}
