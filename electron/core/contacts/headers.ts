/**
 * Column names from the header row: blank ones become "Column N", repeats get " (2)", " (3)".
 * The renames are returned so the UI can show them instead of silently changing names.
 */
export interface Columns {
  names: string[];
  renamed: { index: number; from: string; to: string }[];
}

export function uniqueColumns(raw: readonly string[]): Columns {
  const names: string[] = [];
  const renamed: Columns['renamed'] = [];
  const seen = new Map<string, number>();
  raw.forEach((value, index) => {
    const base = value.replace(/^\uFEFF/, '').trim() || `Column ${index + 1}`;
    let name = base;
    let n = seen.get(base.toLowerCase()) ?? 0;
    while (seen.has(name.toLowerCase())) {
      n += 1;
      name = `${base} (${n + 1})`;
    }
    seen.set(base.toLowerCase(), n);
    seen.set(name.toLowerCase(), 0);
    if (name !== value) renamed.push({ index, from: value, to: name });
    names.push(name);
  });
  return { names, renamed };
}

/** Columns for a file without a header row. */
export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Column ${i + 1}`);
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}
