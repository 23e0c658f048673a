import { Select } from '@mantine/core';
import type { AudiencePreview } from '../../../../shared/api';
import { useStore } from '../../store';

const NONE = '\u0000none';

/**
 * The column read when a row's phone cell is empty or not a number (a Shopify file's "Default
 * Address Phone"). A recognised export chooses it by itself; "None" turns it off.
 */
export function FallbackPhoneSelect({ preview }: { preview: AudiencePreview }) {
  const { setReadOption } = useStore.getState();
  const others = preview.columns.filter((c) => c !== preview.phoneColumn);
  if (!preview.phoneColumn || others.length === 0) return null;
  return (
    <Select
      label="If that cell is empty or not a number, use"
      data={[{ value: NONE, label: 'No other column' }, ...others]}
      value={preview.fallbackPhoneColumn ?? NONE}
      onChange={(v) => void setReadOption('fallbackPhoneColumn', !v || v === NONE ? null : v)}
      allowDeselect={false}
      searchable
      w={320}
      data-testid="fallback-phone-column"
    />
  );
}
