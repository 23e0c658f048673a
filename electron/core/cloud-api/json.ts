export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parsed body, or undefined when it is not JSON (a proxy's HTML page, a truncated answer). */
export const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

export const stringOr = <T>(v: unknown, fallback: T): string | T =>
  typeof v === 'string' && v !== '' ? v : fallback;

/** Graph returns some numbers as strings (webhook timestamps); accept both. */
export const numberOr = <T>(v: unknown, fallback: T): number | T => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
};

/** A Graph edge is `{ data: [...] }`; tolerate a bare list too. */
export const edgeItems = (v: unknown): unknown[] | undefined => {
  if (Array.isArray(v)) return v as unknown[];
  if (isRecord(v) && Array.isArray(v.data)) return v.data as unknown[];
  return undefined;
};
