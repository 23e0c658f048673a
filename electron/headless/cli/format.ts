import { createFormat, safeLocale, type Format } from '../../../shared/format';

/**
 * The locale of the shell: LC_ALL, then LC_MESSAGES, then LANG ("fr_FR.UTF-8" → "fr-FR").
 * "C" and "POSIX" mean no preference; the CLI then writes en-US shapes, which scripts that read
 * its human output have always seen (scripts should use --json anyway).
 */
export function shellLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tag = raw.split('.')[0]?.split('@')[0]?.replace('_', '-') ?? '';
  if (!tag || tag === 'C' || tag === 'POSIX') return 'en-US';
  return safeLocale(tag);
}

let cached: Format | undefined;

/** The CLI's one formatter, on the same module as the app's screens. */
export function human(): Format {
  cached ??= createFormat({ locale: shellLocale() });
  return cached;
}

export { noun } from '../../../shared/format';
