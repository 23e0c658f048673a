import type { CellFix } from './cell-fix';
import type { SlotKind } from './slots';

/** How a text value is sent: plain text (default), or as Meta's typed currency / date_time parameter. */
export type ValueFormat = { type: 'currency'; code: string } | { type: 'date_time' };

export type MediaSource = { type: 'link'; url: string } | { type: 'file'; path: string };

export interface LocationValue {
  latitude: string;
  longitude: string;
  name?: string;
  address?: string;
}

export type MappingSource =
  | { kind: 'column'; column: string; fallback?: string; as?: ValueFormat; fix?: CellFix }
  | { kind: 'static'; value: string; as?: ValueFormat }
  | { kind: 'media'; media: MediaSource }
  | { kind: 'location'; location: LocationValue };

/** Slot key (`body.1`, `header.media`, `button.0`) → where its value comes from. */
export type Mapping = Record<string, MappingSource>;

export class MappingExpressionError extends Error {
  override name = 'MappingExpressionError';
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

function parseLocation(expr: string): MappingSource {
  const [coords = '', name, address] = expr.split('|').map((p) => p.trim());
  const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(coords);
  if (!m?.[1] || !m[2]) {
    throw new MappingExpressionError(
      `"${expr}" is not a place: write latitude,longitude|name|address, e.g. 37.44,-122.16|Shop|1 Main St.`,
    );
  }
  const location: LocationValue = { latitude: m[1], longitude: m[2] };
  if (name) location.name = name;
  if (address) location.address = address;
  return { kind: 'location', location };
}

/**
 * The CLI's value syntax (`--var body.1=@{first_name}`):
 * - `@{column}` takes the value from that audience column; `@{column|fallback}` uses the fallback when
 *   the cell is empty. The column name is everything before the first `|`.
 * - a leading `@@` stands for a literal `@` (`@@{x}` is the text `@{x}`);
 * - anything else is a fixed text for every recipient.
 * For a media slot a fixed text is a link (http/https) or a file path; for a location slot it is
 * `latitude,longitude|name|address`.
 * @throws MappingExpressionError for a column reference that is not closed or names no column.
 */
export function parseMappingExpression(expr: string, slotKind?: SlotKind): MappingSource {
  if (expr.startsWith('@@')) return { kind: 'static', value: expr.slice(1) };
  if (expr.startsWith('@{')) {
    if (!expr.endsWith('}')) {
      throw new MappingExpressionError(
        `"${expr}" starts a column reference but does not end with "}": write @{column}, or start with @@ for a literal @.`,
      );
    }
    const inner = expr.slice(2, -1);
    const bar = inner.indexOf('|');
    const column = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    if (column === '')
      throw new MappingExpressionError(
        `"${expr}" names no column: write @{column} or @{column|fallback}.`,
      );
    if (bar < 0) return { kind: 'column', column };
    return { kind: 'column', column, fallback: inner.slice(bar + 1) };
  }
  if (slotKind === 'media') {
    return {
      kind: 'media',
      media: isUrl(expr) ? { type: 'link', url: expr } : { type: 'file', path: expr },
    };
  }
  if (slotKind === 'location') return parseLocation(expr);
  return { kind: 'static', value: expr };
}

/** The inverse of parseMappingExpression (the `as` value format has no expression syntax and is dropped). */
export function formatMappingExpression(src: MappingSource): string {
  switch (src.kind) {
    case 'column':
      return src.fallback === undefined ? `@{${src.column}}` : `@{${src.column}|${src.fallback}}`;
    case 'static':
      return src.value.startsWith('@') ? `@${src.value}` : src.value;
    case 'media':
      return src.media.type === 'link' ? src.media.url : src.media.path;
    case 'location': {
      const { latitude, longitude, name, address } = src.location;
      const parts = [`${latitude},${longitude}`];
      if (name !== undefined || address !== undefined) parts.push(name ?? '');
      if (address !== undefined) parts.push(address);
      return parts.join('|');
    }
  }
}
