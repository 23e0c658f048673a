import type { HostOptions } from '../../../shared/core-host/protocol';
import type { ParseArgsConfig } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { dispatch } from '../../core/api/dispatch';
import type { Core } from '../../core/service';

/** The CLI's building blocks; each feature's commands live in cli/commands/<feature>.ts. */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks a long-running command (serve, sandbox, send --wait) to stop. */
  untilStopped?: () => Promise<void>;
}

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

export class UsageError extends Error {}
export class CommandError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];

export interface Ctx {
  /** Option values by name: strings for string options, true for flags. */
  values: Record<string, string | boolean | undefined>;
  /** The command's positional arguments by name. */
  args: Record<string, string>;
  io: CliIo;
  dataDir: string;
  json: boolean;
  /** The core on the data folder, created on first use; `runSenders` for commands that send. */
  core: (options?: { runSenders?: boolean }) => Core;
  /** The same core's options as plain data, for a core in a worker thread (`serve`). */
  hostOptions: () => HostOptions;
}

export interface Command {
  path: string[];
  /** Names of the positional arguments after the command words, all required. */
  args?: string[];
  /** The options this command accepts (besides the global ones). */
  options?: Record<string, OptionSpec>;
  /** One line for --help: the synopsis and what it does. */
  usage: string;
  summary: string;
  run: (ctx: Ctx) => Promise<number>;
}

export async function call<K extends MethodName>(
  core: Core,
  method: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await dispatch<K>(core.handlers, method, input);
  if (!result.ok) throw new CommandError(result.error.message);
  return result.value;
}

export function print(ctx: Ctx, value: unknown, human: () => string): void {
  ctx.io.stdout(ctx.json ? JSON.stringify(value, null, 2) : human());
}

export function str(ctx: Ctx, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values, in the order given. */
export function strings(ctx: Ctx, name: string): string[] {
  const v: unknown = ctx.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export function flag(ctx: Ctx, name: string): boolean {
  return ctx.values[name] === true;
}

export function parseId(raw: string | undefined, what: string): number {
  if (!raw || !/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`${what} must be a positive whole number, not "${raw ?? ''}".`);
  return Number(raw);
}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
  return port;
}
