import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../core/paths';
import { LOG_LEVELS, type LogLevel } from '../core/log';
import { createCore, type Core } from '../core/service';
import { createFileVault, TOKEN_FILE } from '../core/accounts/file-vault';
import {
  EXIT,
  UsageError,
  type Command,
  type CliIo,
  type Ctx,
  type OptionSpec,
} from './cli/framework';
import { COMMANDS } from './cli/registry';

export { EXIT, type CliIo };

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

function usage(commands: Command[]): string {
  const lines = commands.map((c) => {
    const synopsis = `  ${c.usage}`;
    // A synopsis that reaches the summary column goes on its own line, so the two never run together.
    return synopsis.length > 33
      ? `${synopsis}\n${' '.repeat(35)}${c.summary}`
      : `${synopsis.padEnd(35)}${c.summary}`;
  });
  return [
    'Usage: campaign-desk [--data-dir DIR] [--json] <command>',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    "  --data-dir DIR   Data folder (default: $CAMPAIGN_DESK_DATA_DIR, else the desktop app's folder)",
    '  --json           Print machine-readable JSON',
    '  --log-level L    error, warn, info (default) or debug: what goes into logs/campaign-desk.log',
    '                   in the data folder; warnings and errors are also printed here',
    '  -h, --help       Show this help',
  ].join('\n');
}

export const USAGE = usage(COMMANDS);

function parseLogLevel(raw: string | boolean | undefined): LogLevel {
  if (raw === undefined) return 'info';
  if (typeof raw === 'string' && (LOG_LEVELS as readonly string[]).includes(raw))
    return raw as LogLevel;
  throw new UsageError(
    `--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${String(raw)}".`,
  );
}

function findCommand(positionals: string[]): Command | undefined {
  // The longest matching path wins ("campaigns import" over a hypothetical "campaigns").
  return COMMANDS.filter((c) => c.path.every((p, i) => positionals[i] === p)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let core: Core | undefined;
  try {
    const allOptions: ParseArgsConfig['options'] = { ...GLOBAL_OPTIONS };
    for (const c of COMMANDS) Object.assign(allOptions, c.options ?? {});
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: allOptions, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    if (values.help || parsed.positionals.length === 0) {
      io.stdout(USAGE);
      return parsed.positionals.length === 0 && !values.help ? EXIT.USAGE : EXIT.OK;
    }
    const command = findCommand(parsed.positionals);
    if (!command) throw new UsageError(`Unknown command "${parsed.positionals.join(' ')}".`);
    const name = command.path.join(' ');
    const given = parsed.positionals.slice(command.path.length);
    const names = command.args ?? [];
    if (given.length > names.length)
      throw new UsageError(`Unexpected argument "${given[names.length]}" for ${name}.`);
    if (given.length < names.length)
      throw new UsageError(`${name} needs ${names.map((n) => `<${n}>`).join(' ')}.`);
    for (const key of Object.keys(values)) {
      if (!(key in GLOBAL_OPTIONS) && !(key in (command.options ?? {})))
        throw new UsageError(`--${key} does not apply to ${name}.`);
    }
    // Again with this command's own options: two commands may give one name different meanings
    // (`segments create --label` repeats, `replies rule --label` does not), and the table of all
    // options above keeps only one of them.
    try {
      parsed = parseArgs({
        args: argv,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    Object.assign(values, parsed.values);
    const logLevel = parseLogLevel(values['log-level']);
    const dataDir = resolveDataDir(
      typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined,
      io.env,
    );
    const ctx: Ctx = {
      values,
      args: Object.fromEntries(names.map((n, i) => [n, given[i] ?? ''])),
      io,
      dataDir,
      json: values.json === true,
      core: (options) =>
        (core ??= createCore({
          dataDir,
          shell: 'headless',
          logLevel,
          // Problems reach the person at the terminal too, not only the file.
          logEcho: (line) => {
            if (/^\S+ (ERROR|WARN) /.test(line)) io.stderr(line);
          },
          // Tokens pasted in the browser shell; the key is the one shown when the first was saved.
          tokenVault: createFileVault({
            file: join(dataDir, TOKEN_FILE),
            platform: process.platform,
            key: io.env.CAMPAIGN_DESK_VAULT_KEY,
          }),
          ...(options?.runSenders ? { runSenders: true } : {}),
        })),
      hostOptions: () => ({
        dataDir,
        shell: 'headless',
        logLevel,
        logEcho: true,
        fileVault: io.env.CAMPAIGN_DESK_VAULT_KEY ? { key: io.env.CAMPAIGN_DESK_VAULT_KEY } : {},
      }),
    };
    return await command.run(ctx);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof UsageError) {
      io.stderr(`campaign-desk: ${message}\n\n${USAGE}`);
      return EXIT.USAGE;
    }
    io.stderr(`campaign-desk: ${message}`);
    return EXIT.FAILED;
  } finally {
    await core?.close();
  }
}
