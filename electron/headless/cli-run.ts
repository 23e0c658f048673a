import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import { dispatch } from '../core/api/dispatch';
import { resolveDataDir } from '../core/paths';
import { createCore, type Core } from '../core/service';
import { startHeadlessServer } from './server';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilStopped?: () => Promise<void>;
}

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

class UsageError extends Error {}
class CommandError extends Error {}

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  open: { type: 'boolean' },
  name: { type: 'string' },
} satisfies ParseArgsConfig['options'];
type OptionName = keyof typeof OPTIONS;
type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

const GLOBAL: OptionName[] = ['data-dir', 'json', 'help'];

export const USAGE = `Usage: campaign-desk [--data-dir DIR] [--json] <command>

Commands:
  serve [--port N] [--open]        Run the app in your browser (headless shell on 127.0.0.1)
  campaigns list                   List campaigns
  campaigns create --name NAME     Create a draft campaign

Global options:
  --data-dir DIR   Data folder (default: $CAMPAIGN_DESK_DATA_DIR, else the desktop app's folder)
  --json           Print machine-readable JSON
  -h, --help       Show this help`;

interface Command {
  path: string[];
  options: OptionName[];
  run(ctx: Ctx): Promise<number>;
}

interface Ctx {
  values: Values;
  positionals: string[];
  io: CliIo;
  dataDir: string;
  json: boolean;
  core(): Core;
}

async function call<K extends MethodName>(core: Core, method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const result = await dispatch<K>(core.handlers, method, input);
  if (!result.ok) throw new CommandError(result.error.message);
  return result.value;
}

function print(ctx: Ctx, value: unknown, human: () => string) {
  ctx.io.stdout(ctx.json ? JSON.stringify(value, null, 2) : human());
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
  return port;
}

function openInBrowser(url: string) {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

const COMMANDS: Command[] = [
  {
    path: ['serve'],
    options: ['port', 'open'],
    async run(ctx) {
      const port = parsePort(ctx.values.port);
      const core = ctx.core();
      const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
      const server = await startHeadlessServer({ core, rendererDir, port });
      print(ctx, { url: server.url, openUrl: server.openUrl, token: server.token, dataDir: ctx.dataDir }, () =>
        [`Campaign Desk is running at ${server.openUrl}`, `Data folder: ${ctx.dataDir}`, 'Press Ctrl+C to stop.'].join('\n'),
      );
      if (ctx.values.open) openInBrowser(server.openUrl);
      await (ctx.io.untilStopped?.() ?? new Promise<void>(() => undefined));
      await server.close();
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'list'],
    options: [],
    async run(ctx) {
      const campaigns = await call(ctx.core(), 'campaigns.list', {});
      print(ctx, campaigns, () =>
        campaigns.length === 0
          ? 'No campaigns yet. Create one with: campaign-desk campaigns create --name "Spring sale"'
          : [
              'ID    STATE       RECIPIENTS  NAME',
              ...campaigns.map(
                (c) => `${String(c.id).padEnd(6)}${c.state.padEnd(12)}${String(c.recipients).padEnd(12)}${c.name}`,
              ),
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'create'],
    options: ['name'],
    async run(ctx) {
      if (ctx.values.name === undefined) throw new UsageError('campaigns create needs --name NAME.');
      const campaign = await call(ctx.core(), 'campaigns.create', { name: ctx.values.name });
      print(ctx, campaign, () => `Created draft campaign ${campaign.id}: ${campaign.name} (account: ${campaign.accountName})`);
      return EXIT.OK;
    },
  },
];

function findCommand(positionals: string[]): Command | undefined {
  return COMMANDS.find((c) => c.path.every((p, i) => positionals[i] === p));
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let core: Core | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const values = parsed.values;
    if (values.help || parsed.positionals.length === 0) {
      io.stdout(USAGE);
      return parsed.positionals.length === 0 && !values.help ? EXIT.USAGE : EXIT.OK;
    }
    const command = findCommand(parsed.positionals);
    if (!command) throw new UsageError(`Unknown command "${parsed.positionals.join(' ')}".`);
    const extra = parsed.positionals.slice(command.path.length);
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}" for ${command.path.join(' ')}.`);
    for (const key of Object.keys(values) as OptionName[]) {
      if (!GLOBAL.includes(key) && !command.options.includes(key)) {
        throw new UsageError(`--${key} does not apply to ${command.path.join(' ')}.`);
      }
    }
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const ctx: Ctx = {
      values,
      positionals: parsed.positionals,
      io,
      dataDir,
      json: values.json === true,
      core: () => (core ??= createCore({ dataDir, shell: 'headless' })),
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
    core?.close();
  }
}
