import { spawn } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Delimiter, Encoding, InvalidRow, MethodInput, MethodName, MethodOutput, ReadOptions, Recipient } from '../../shared/api';
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
  country: { type: 'string' },
  'phone-column': { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  limit: { type: 'string' },
} satisfies ParseArgsConfig['options'];
type OptionName = keyof typeof OPTIONS;
type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

const GLOBAL: OptionName[] = ['data-dir', 'json', 'help'];

export const USAGE = `Usage: campaign-desk [--data-dir DIR] [--json] <command>

Commands:
  serve [--port N] [--open]        Run the app in your browser (headless shell on 127.0.0.1)
  campaigns list                   List campaigns
  campaigns create --name NAME     Create a draft campaign
  campaigns import <campaignId> <file> [--country CC] [--phone-column NAME]
                   [--encoding E] [--delimiter D] [--no-header]
                                   Add the customers in a CSV/TSV/TXT/XLSX file to a draft
  recipients list <campaignId> [--limit N]
                                   List a campaign's recipients

Global options:
  --data-dir DIR   Data folder (default: $CAMPAIGN_DESK_DATA_DIR, else the desktop app's folder)
  --json           Print machine-readable JSON
  -h, --help       Show this help`;

interface Command {
  path: string[];
  /** Names of the positional arguments after the command words, all required. */
  args?: string[];
  options: OptionName[];
  run(ctx: Ctx): Promise<number>;
}

interface Ctx {
  values: Values;
  /** The command's positional arguments by name. */
  args: Record<string, string>;
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

function parseId(raw: string | undefined, what: string): number {
  if (!raw || !/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`${what} must be a positive whole number, not "${raw ?? ''}".`);
  return Number(raw);
}

const ENCODING_ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
};
const DELIMITER_ALIASES: Record<string, Delimiter> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  tab: '\t',
  '\t': '\t',
  '\\t': '\t',
  '|': '|',
  pipe: '|',
};

function readOptionsFrom(values: Values): ReadOptions {
  const options: ReadOptions = {};
  if (values.encoding !== undefined) {
    const e = ENCODING_ALIASES[values.encoding.toLowerCase()];
    if (!e) throw new UsageError(`--encoding must be one of utf-8, utf-16le, utf-16be, windows-1252 (not "${values.encoding}").`);
    options.encoding = e;
  }
  if (values.delimiter !== undefined) {
    const d = DELIMITER_ALIASES[values.delimiter.toLowerCase()];
    if (!d) throw new UsageError(`--delimiter must be one of , ; tab | (not "${values.delimiter}").`);
    options.delimiter = d;
  }
  if (values.country !== undefined) {
    const cc = values.country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(cc)) throw new UsageError(`--country must be a two-letter country code such as GB or US (not "${values.country}").`);
    options.defaultCountry = cc;
  }
  if (values['phone-column'] !== undefined) options.phoneColumn = values['phone-column'];
  if (values['no-header']) options.hasHeader = false;
  return options;
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
  {
    path: ['campaigns', 'import'],
    args: ['campaignId', 'file'],
    options: ['country', 'phone-column', 'encoding', 'delimiter', 'no-header'],
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const path = resolve(ctx.args.file!);
      const options = readOptionsFrom(ctx.values);
      const core = ctx.core();
      const off = core.events.on('import.progress', (p) => {
        if (p.campaignId !== campaignId || ctx.json) return;
        const mb = (n: number) => (n / 1e6).toFixed(1);
        ctx.io.stderr(`… ${p.rows.toLocaleString('en')} rows, ${mb(p.bytes)} of ${mb(p.totalBytes)} MB, ${p.rowsPerSecond.toLocaleString('en')} rows/s`);
      });
      try {
        const result = await call(core, 'audience.import', { campaignId, file: { kind: 'path', path }, fileName: basename(path), options });
        let invalidRows: InvalidRow[] = [];
        for (let offset = 0; ; offset += 10_000) {
          const page = await call(core, 'audience.invalidRows', { importId: result.importId, limit: 10_000, offset });
          invalidRows = invalidRows.concat(page.rows);
          if (invalidRows.length >= page.total || page.rows.length === 0) break;
        }
        print(ctx, { ...result, invalidRows }, () =>
          [
            `Imported ${result.imported} of ${result.rows} rows from ${result.fileName} (${result.encoding ?? 'xlsx'}, phone column "${result.phoneColumn}").`,
            `  duplicates: ${result.duplicates}, invalid: ${result.invalid}, missing phone: ${result.missingPhone}, suppressed: ${result.suppressed}, non-mobile (kept): ${result.nonMobile}`,
            ...invalidRows.slice(0, 20).map((r) => `  row ${r.row}: ${JSON.stringify(r.value)} - ${r.reason}`),
            invalidRows.length > 20 ? `  … and ${invalidRows.length - 20} more (use --json for all)` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
        return EXIT.OK;
      } finally {
        off();
      }
    },
  },
  {
    path: ['recipients', 'list'],
    args: ['campaignId'],
    options: ['limit'],
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const limit = ctx.values.limit === undefined ? 100 : parseId(ctx.values.limit, '--limit');
      const items: Recipient[] = [];
      let afterId = 0;
      while (items.length < limit) {
        const page = await call(ctx.core(), 'recipients.list', { campaignId, limit: Math.min(1000, limit - items.length), afterId });
        items.push(...page.items);
        if (page.nextAfterId === null) break;
        afterId = page.nextAfterId;
      }
      print(ctx, items, () =>
        items.length === 0
          ? 'No recipients yet.'
          : items.map((r) => `${String(r.rowNumber).padEnd(8)}${r.phone.padEnd(17)}${r.state.padEnd(10)}${JSON.stringify(r.fields)}`).join('\n'),
      );
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
    const given = parsed.positionals.slice(command.path.length);
    const names = command.args ?? [];
    if (given.length > names.length) throw new UsageError(`Unexpected argument "${given[names.length]}" for ${command.path.join(' ')}.`);
    if (given.length < names.length) {
      throw new UsageError(`${command.path.join(' ')} needs ${names.map((n) => `<${n}>`).join(' ')}.`);
    }
    const args = Object.fromEntries(names.map((n, i) => [n, given[i]!]));
    for (const key of Object.keys(values) as OptionName[]) {
      if (!GLOBAL.includes(key) && !command.options.includes(key)) {
        throw new UsageError(`--${key} does not apply to ${command.path.join(' ')}.`);
      }
    }
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const ctx: Ctx = {
      values,
      args,
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
