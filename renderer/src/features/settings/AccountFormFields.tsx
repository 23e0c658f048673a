import { NumberInput, Select } from '@mantine/core';
import type { ApiError } from '../../../../shared/api';

/** Meta's messaging-limit tiers (unique customers per moving 24 hours), as WhatsApp Manager shows them. */
export const LIMIT_OPTIONS = [
  { value: 'null', label: 'Unlimited' },
  { value: '250', label: '250 customers / 24 h' },
  { value: '2000', label: '2,000 customers / 24 h' },
  { value: '10000', label: '10,000 customers / 24 h' },
  { value: '100000', label: '100,000 customers / 24 h' },
];

export type LimitValue = 250 | 2000 | 10_000 | 100_000 | null;

export const limitFromOption = (v: string | null): LimitValue =>
  v === null || v === 'null' ? null : (Number(v) as LimitValue);

/** Field errors from a VALIDATION error's details (zod issue paths), keyed by the input's field name. */
export function fieldErrors(error: ApiError | null): Record<string, string> {
  if (!error || error.code !== 'VALIDATION' || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    const key = Array.isArray(d.path) ? String(d.path[0] ?? '') : '';
    if (key && typeof d.message === 'string' && !(key in out)) out[key] = d.message;
  }
  return out;
}

export function RateField({
  value,
  onChange,
  error,
}: {
  value: number | string;
  onChange: (v: number | string) => void;
  error?: string | undefined;
}) {
  return (
    <NumberInput
      label="Sending rate (messages per second)"
      description="Meta allows 80 per second for a new number, up to 1,000. Lower it to spread a campaign out."
      min={1}
      max={1000}
      allowDecimal={false}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

export function LimitField({
  value,
  onChange,
  error,
}: {
  value: LimitValue;
  onChange: (v: LimitValue) => void;
  error?: string | undefined;
}) {
  return (
    <Select
      label="Messaging limit"
      description="Your number's tier in WhatsApp Manager: how many different customers it may start chats with in 24 hours."
      data={LIMIT_OPTIONS}
      value={String(value)}
      onChange={(v) => onChange(limitFromOption(v))}
      allowDeselect={false}
      error={error}
    />
  );
}
