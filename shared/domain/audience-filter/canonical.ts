import type { AudienceFilter } from './types';

/**
 * The filter as JSON with its keys in a fixed order: equal filters give equal text, so the text
 * keys the caches (compiled filters, counts) and is what the SQL function receives.
 */
export function canonicalFilterJson(filter: AudienceFilter): string {
  return JSON.stringify(filter, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
    return sorted;
  });
}
