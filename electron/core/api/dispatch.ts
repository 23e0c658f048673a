import type { z } from 'zod';
import {
  CoreError,
  isMethodName,
  methods,
  type ApiError,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../../shared/api';
import { log, logHint } from '../log';
import type { Handlers } from '../service';
import { storageProblem } from '../data-folder/storage-errors';

export interface Logger {
  error(message: string, detail?: unknown): void;
}

/** Turns zod's issues into one sentence a person can read, plus the raw list for code. */
export function validationError(method: string, error: z.ZodError): ApiError {
  const parts = error.issues.slice(0, 5).map((i) => {
    const where = i.path.length ? `${i.path.join('.')}: ` : '';
    return `${where}${i.message}`;
  });
  return {
    code: 'VALIDATION',
    message: parts.length ? parts.join('; ') : `Invalid input for ${method}.`,
    details: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  };
}

/**
 * The single entry point both shells use: the raw input is `unknown` until the method's schema
 * has parsed it, and every outcome, including bugs, becomes a Result.
 */
export async function dispatch<K extends MethodName>(
  handlers: Handlers,
  method: string,
  raw: unknown,
  logger: Logger = log,
): Promise<Result<MethodOutput<K>>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `There is no method "${method}".` },
    };
  }
  const schema = methods[method].input as z.ZodType;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: validationError(method, parsed.error) };
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = (await handler(parsed.data)) as MethodOutput<K>;
    return { ok: true, value };
  } catch (e) {
    if (e instanceof CoreError) {
      return {
        ok: false,
        error: {
          code: e.code,
          message: e.message,
          ...(e.details !== undefined ? { details: e.details } : {}),
        },
      };
    }
    const storage = storageProblem(e);
    if (storage !== null) {
      logger.error(`Storage failure in ${method}`, e);
      return { ok: false, error: { code: 'UNAVAILABLE', message: storage } };
    }
    logger.error(`Unexpected failure in ${method}`, e);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Something went wrong inside Campaign Desk. ${logHint()}`,
      },
    };
  }
}
