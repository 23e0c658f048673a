import { describe, expect, it } from 'vitest';
import { CsvLimitError, rowLengthGuard } from '../../../electron/core/contacts/csv-source';

describe('rowLengthGuard', () => {
  const feed = (chunks: string[], max: number) => {
    const guard = rowLengthGuard(max, () => 0);
    for (const c of chunks) guard(c);
  };

  it('counts a row across chunks and resets at a newline outside quotes', () => {
    expect(() => feed(['aaaa\nbbbb\n', 'cccc'], 6)).not.toThrow();
    expect(() => feed(['aaaa', 'aaa'], 6)).toThrow(CsvLimitError);
  });

  it('treats a newline inside quotes, and escaped quotes, as part of the row', () => {
    expect(() => feed(['a,"x\ny', '""\nz"\n'], 20)).not.toThrow();
    expect(() => feed(['a,"x\ny', '""\nz', 'zzzzzzzzzzzzzzzz"\n'], 20)).toThrow(/longer than 20/);
    // After the closing quote the next newline ends the row again.
    expect(() => feed(['"ab"\n', 'cdef\n', 'gh'], 6)).not.toThrow();
  });
});
