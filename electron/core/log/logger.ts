import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { redact } from './redact';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'campaign-desk.log';

export interface Logger {
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
  /** The file being written, for messages that say where the details are; null for console-only. */
  readonly file: string | null;
  /** Values that must never appear in the log (tokens read at run time). */
  addSecret(value: string): void;
}

export interface FileLoggerOptions {
  dataDir: string;
  level?: LogLevel;
  /** Rotate when the file passes this size; keep `keep` old files (.1 newest). */
  maxBytes?: number;
  keep?: number;
  /** Also write to stderr (the CLI and development). */
  echo?: (line: string) => void;
  now?: () => number;
}

const rank = (level: LogLevel) => LOG_LEVELS.indexOf(level);

export function formatDetail(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.stack ?? `${detail.name}: ${detail.message}`}`;
  return ` ${typeof detail === 'string' ? detail : inspect(detail, { depth: 4, breakLength: Infinity })}`;
}

/**
 * A rotating log file in the data folder (logs/campaign-desk.log, then .1 … .N). Lines are written
 * synchronously: they are rare (failures, state changes), and a line written just before a crash
 * is the one that explains it. A log that cannot be written never breaks the app.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const dir = join(options.dataDir, LOG_FOLDER);
  const file = join(dir, LOG_FILE);
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const level = options.level ?? 'info';
  const now = options.now ?? Date.now;
  const secrets = new Set<string>();
  let size = -1;
  let broken = false;

  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (existsSync(from)) renameSync(from, `${file}.${i + 1}`);
    }
    renameSync(file, `${file}.1`);
    size = 0;
  };

  const write = (lvl: LogLevel, message: string, detail: unknown) => {
    if (rank(lvl) > rank(level)) return;
    const line = redact(
      `${new Date(now()).toISOString()} ${lvl.toUpperCase()} ${message}${formatDetail(detail)}`,
      secrets,
    );
    options.echo?.(line);
    if (broken) return;
    try {
      if (size < 0) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        size = existsSync(file) ? statSync(file).size : 0;
      }
      if (size > 0 && size + line.length > maxBytes) rotate();
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
      if (size === 0) chmodSync(file, 0o600);
      size += Buffer.byteLength(line) + 1;
    } catch {
      // A full disk or a read-only folder must not take the app down with its log.
      broken = true;
    }
  };

  return {
    file,
    error: (m, d) => write('error', m, d),
    warn: (m, d) => write('warn', m, d),
    info: (m, d) => write('info', m, d),
    debug: (m, d) => write('debug', m, d),
    addSecret: (value) => {
      if (value) secrets.add(value);
    },
  };
}

/** For tests and code paths without a data folder: stderr only, redacted all the same. */
export function consoleLogger(): Logger {
  const secrets = new Set<string>();
  const write = (lvl: LogLevel) => (m: string, d?: unknown) =>
    console.error(redact(`${lvl.toUpperCase()} ${m}${formatDetail(d)}`, secrets));
  return {
    file: null,
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: () => undefined,
    addSecret: (value) => {
      if (value) secrets.add(value);
    },
  };
}
