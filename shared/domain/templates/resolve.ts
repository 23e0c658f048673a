import { parseAmount } from './amount';
import { specialMappingProblems } from './resolve-special';
import { applyCellFix } from './cell-fix';
import type { Mapping, MappingSource } from './mapping';
import { templateSlots, type Slot } from './slots';
import type { Template } from './types';

export type ValueSource = 'column' | 'fallback' | 'static' | 'media' | 'unmapped';

export interface ResolvedValue {
  /** Trimmed text; for media the link or file path; for a location "latitude, longitude". Empty when missing. */
  value: string;
  missing: boolean;
  source: ValueSource;
}

const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function resolveOne(
  src: MappingSource | undefined,
  fields: Readonly<Record<string, string>>,
): ResolvedValue {
  if (src === undefined) return { value: '', missing: true, source: 'unmapped' };
  switch (src.kind) {
    case 'column': {
      // A column the audience lacks reads as an empty cell; mappingProblems reports the column itself.
      const cell = fields[src.column];
      if (!isBlank(cell)) {
        const value = applyCellFix((cell ?? '').trim(), src.fix);
        return { value, missing: value === '', source: 'column' };
      }
      if (!isBlank(src.fallback))
        return { value: (src.fallback ?? '').trim(), missing: false, source: 'fallback' };
      return { value: '', missing: true, source: 'column' };
    }
    case 'static':
      return { value: src.value.trim(), missing: isBlank(src.value), source: 'static' };
    case 'media': {
      const ref = src.media.type === 'link' ? src.media.url : src.media.path;
      return { value: ref.trim(), missing: isBlank(ref), source: 'media' };
    }
    case 'location': {
      const { latitude, longitude } = src.location;
      const missing = isBlank(latitude) || isBlank(longitude);
      return {
        value: missing ? '' : `${latitude.trim()}, ${longitude.trim()}`,
        missing,
        source: 'static',
      };
    }
  }
}

/**
 * One recipient's value for every slot of the template. Cells are trimmed, and a cell holding only
 * whitespace counts as empty so that the fallback applies.
 */
export function resolveValues(
  t: Template,
  mapping: Mapping,
  fields: Readonly<Record<string, string>>,
): Record<string, ResolvedValue> {
  const out: Record<string, ResolvedValue> = {};
  for (const slot of templateSlots(t)) out[slot.key] = resolveOne(mapping[slot.key], fields);
  return out;
}

const MEDIA_EXTENSIONS: Record<string, readonly string[]> = {
  IMAGE: ['jpg', 'jpeg', 'png'],
  VIDEO: ['mp4', '3gp', '3gpp'],
  DOCUMENT: ['pdf'],
};

const extensionOf = (pathOrUrl: string): string | undefined => {
  const last = pathOrUrl.split(/[?#]/)[0]?.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : undefined;
};

const A_MEDIA: Record<string, string> = {
  IMAGE: 'an image',
  VIDEO: 'a video',
  DOCUMENT: 'a document',
};

function mediaProblems(slot: Slot, src: MappingSource): string[] {
  const kind = A_MEDIA[slot.mediaFormat ?? ''] ?? 'a media';
  if (src.kind !== 'media') return [`${slot.key} needs ${kind} file or link, not text.`];
  const ref = src.media.type === 'link' ? src.media.url : src.media.path;
  if (isBlank(ref)) return [`${slot.key} has no file or link chosen.`];
  const problems: string[] = [];
  if (src.media.type === 'link' && !/^https?:\/\//i.test(ref.trim())) {
    problems.push(`${slot.key}'s link must start with https:// or http://.`);
  }
  const ext = extensionOf(ref);
  const allowed = MEDIA_EXTENSIONS[slot.mediaFormat ?? ''];
  if (ext !== undefined && allowed && !allowed.includes(ext)) {
    problems.push(
      `${slot.key} needs ${kind} (${allowed.join(', ')}), but the chosen file is a .${ext}.`,
    );
  }
  return problems;
}

function textProblems(slot: Slot, src: MappingSource, columns: readonly string[]): string[] {
  if (src.kind === 'media') return [`${slot.key} needs text, not a file.`];
  if (src.kind === 'location') return [`${slot.key} needs text, not a place.`];
  const problems: string[] = [];
  if (src.kind === 'column' && !columns.includes(src.column)) {
    problems.push(
      `${slot.key} is mapped to the column "${src.column}", which this audience does not have.`,
    );
  }
  if (src.kind === 'static' && isBlank(src.value))
    problems.push(`${slot.key} is set to an empty text.`);
  if (src.as && slot.component !== 'body') {
    problems.push(
      `${slot.key} can only be plain text: amounts and dates are allowed in the body only.`,
    );
  }
  if (src.as?.type === 'currency') {
    if (!/^[A-Z]{3}$/.test(src.as.code)) {
      problems.push(
        `${slot.key} is sent as an amount, but "${src.as.code}" is not a currency code such as USD or EUR.`,
      );
    }
    const fixed = src.kind === 'static' ? src.value : src.fallback;
    const parsed = fixed !== undefined && !isBlank(fixed) ? parseAmount(fixed) : undefined;
    if (parsed && !parsed.ok) problems.push(`${slot.key}: ${parsed.error}`);
  }
  return problems;
}

/**
 * Problems with the mapping as a whole (not one recipient): unassigned slots, columns the audience
 * lacks, wrong kinds of value, and leftovers from an earlier version of the template.
 */
export function mappingProblems(
  t: Template,
  mapping: Mapping,
  columns: readonly string[],
): string[] {
  const slots = templateSlots(t);
  const problems: string[] = [];
  for (const slot of slots) {
    const src = mapping[slot.key];
    if (src === undefined) {
      problems.push(`${slot.key} has no value assigned.`);
    } else if (slot.kind === 'media') {
      problems.push(...mediaProblems(slot, src));
    } else if (slot.kind === 'card_media' || slot.kind === 'offer_expiry') {
      problems.push(...specialMappingProblems(slot, src, columns));
    } else if (slot.kind === 'location') {
      if (src.kind !== 'location')
        problems.push(`${slot.key} needs a place (latitude and longitude).`);
    } else {
      problems.push(...textProblems(slot, src, columns));
    }
  }
  const keys = new Set(slots.map((s) => s.key));
  for (const key of Object.keys(mapping)) {
    if (!keys.has(key)) problems.push(`${key} is not a variable of this template.`);
  }
  return problems;
}
