import { consoleLogger, type Logger } from './logger';

export {
  createFileLogger,
  LOG_FILE,
  LOG_FOLDER,
  LOG_LEVELS,
  type LogLevel,
  type Logger,
} from './logger';
export { redact } from './redact';

/**
 * The process's log. Each shell runs one core per process, and createCore points this at the
 * data folder's rotating file; code anywhere in the core logs through it without a logger threaded
 * through every constructor. Until a core starts (and after it closes), lines go to stderr.
 */
let current: Logger = consoleLogger();

export const log: Logger = {
  error: (m, d) => current.error(m, d),
  warn: (m, d) => current.warn(m, d),
  info: (m, d) => current.info(m, d),
  debug: (m, d) => current.debug(m, d),
  get file() {
    return current.file;
  },
  addSecret: (value) => current.addSecret(value),
};

/** Installs a logger; returns a function that puts the previous one back. */
export function installLogger(next: Logger): () => void {
  const previous = current;
  current = next;
  return () => {
    if (current === next) current = previous;
  };
}

/** Where a person finds the details of a failure, for messages that say "see the log". */
export function logHint(): string {
  return current.file
    ? 'The details are in the log file logs/campaign-desk.log in the data folder.'
    : 'The details are in the log.';
}
