import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkTemplateText, type CheckResult } from '../../../../../shared/domain/studio';
import { noun, pluralWord } from '../../../../../shared/format';
import { CommandError, EXIT, print, type Command } from '../../framework';

/** A template file is a few kilobytes; anything far bigger is not one (and is not read whole). */
const MAX_FILE_BYTES = 1_000_000;

export async function readTemplateFile(file: string): Promise<string> {
  const path = resolve(file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CommandError(`Cannot read ${path}.`);
  }
  if (size > MAX_FILE_BYTES)
    throw new CommandError(`${path} is ${size} bytes; a template file is a few kilobytes of JSON.`);
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CommandError(`${path} is not UTF-8 text; save it as UTF-8 JSON.`);
  }
}

/** The findings as lines a shop owner reads: what is wrong, where, and the fix. */
export function findingsText(r: CheckResult): string {
  if (r.findings.length === 0)
    return 'No problems found: Meta should accept this template as it is.';
  const lines = r.findings.map(
    (f) =>
      `${f.severity === 'error' ? 'ERROR  ' : 'WARNING'} [${f.field}] ${f.message}\n        Fix: ${f.fix}${f.autofix ? ` (one-click fix in the studio: ${f.autofix.label})` : ''}`,
  );
  lines.push(
    '',
    `${r.errors} ${pluralWord(r.errors, noun('error'))}, ${r.warnings} ${pluralWord(r.warnings, noun('warning'))}.${r.errors > 0 ? ' Meta would reject this template as it is.' : ''}`,
  );
  return lines.join('\n');
}

export const checkCommand: Command = {
  path: ['templates', 'check'],
  args: ['file'],
  usage: 'templates check <file.json> [--json]',
  summary: "Check a template (Meta's creation JSON) for what Meta rejects, before submitting it",
  async run(ctx) {
    const text = await readTemplateFile(ctx.args.file ?? '');
    const { draft: _draft, ...result } = checkTemplateText(text);
    print(ctx, result, () => findingsText(result));
    return result.ok ? EXIT.OK : EXIT.FAILED;
  },
};
