import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startRelay } from '../../relay';
import {
  EXIT,
  flag,
  parsePort,
  print,
  str,
  UsageError,
  type Command,
  type Ctx,
} from '../framework';

const MIN_READ_TOKEN = 16;
/** A secret file is a line of text; anything bigger is the wrong file. */
const MAX_SECRET_FILE = 4096;

/**
 * A secret comes from an environment variable (`--x-env NAME`) or a file (`--x-file PATH`, e.g. a
 * Docker or systemd secret), never from the command line itself: any user of the machine sees a
 * process's arguments in `ps`.
 */
function secret(ctx: Ctx, base: string, what: string): string | undefined {
  const envName = str(ctx, `${base}-env`);
  const file = str(ctx, `${base}-file`);
  if (envName !== undefined && file !== undefined)
    throw new UsageError(`Give --${base}-env or --${base}-file, not both.`);
  if (file !== undefined) {
    let text: string;
    try {
      if (statSync(file).size > MAX_SECRET_FILE)
        throw new UsageError(`${file} (${what}) is too big to be a secret file.`);
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`Could not read ${file} (${what}): ${(e as Error).message}`);
    }
    const value = text.trim();
    if (!value) throw new UsageError(`The file ${file} (${what}) is empty.`);
    return value;
  }
  if (envName === undefined) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName))
    throw new UsageError(`--${base}-env takes the NAME of an environment variable, not its value.`);
  const value = ctx.io.env[envName];
  if (!value) throw new UsageError(`The environment variable ${envName} (${what}) is empty.`);
  return value;
}

function required(ctx: Ctx, base: string, what: string): string {
  const value = secret(ctx, base, what);
  if (value === undefined)
    throw new UsageError(
      `relay needs --${base}-env VAR or --${base}-file FILE: where to read ${what}.`,
    );
  return value;
}

function verifyTokenOf(ctx: Ctx): string {
  const what = 'the verify token you also type into the Meta App Dashboard';
  const inline = str(ctx, 'verify-token');
  if (inline === undefined) return required(ctx, 'verify-token', what);
  if (secret(ctx, 'verify-token', what) !== undefined)
    throw new UsageError('Give the verify token once: --verify-token-env or --verify-token-file.');
  ctx.io.stderr(
    'campaign-desk: --verify-token is deprecated (it shows in `ps` to every user of the machine); ' +
      'use --verify-token-env VAR or --verify-token-file FILE.',
  );
  return inline;
}

export const relayCommands: Command[] = [
  {
    path: ['relay'],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'verify-token': { type: 'string' },
      'verify-token-env': { type: 'string' },
      'verify-token-file': { type: 'string' },
      'app-secret-env': { type: 'string' },
      'app-secret-file': { type: 'string' },
      'read-token-env': { type: 'string' },
      'read-token-file': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      data: { type: 'string' },
      'retain-days': { type: 'string' },
    },
    usage:
      'relay --port N --verify-token-env VAR --app-secret-env VAR --read-token-env VAR (or --*-file FILE) [--host H] [--trust-proxy] [--data FILE] [--retain-days N]',
    summary:
      "Run the webhook relay on a public host (behind HTTPS): receives Meta's webhooks, serves them to the app",
    async run(ctx) {
      const port = parsePort(str(ctx, 'port'));
      const verifyToken = verifyTokenOf(ctx);
      const appSecret = required(ctx, 'app-secret', "your Meta app's App Secret");
      const readToken = required(ctx, 'read-token', 'the read token Campaign Desk uses');
      if (readToken.length < MIN_READ_TOKEN)
        throw new UsageError(
          `The read token must be at least ${MIN_READ_TOKEN} characters (e.g. openssl rand -hex 32).`,
        );
      const retain = str(ctx, 'retain-days');
      if (retain !== undefined && !/^\d{1,4}$/.test(retain))
        throw new UsageError('--retain-days must be a whole number of days.');
      // Loopback by default: the relay belongs behind a reverse proxy that terminates HTTPS (Meta
      // refuses plain http and self-signed certificates). In a container, pass --host 0.0.0.0.
      const host = str(ctx, 'host') ?? '127.0.0.1';
      const dataFile = str(ctx, 'data') ?? join(ctx.dataDir, 'relay', 'relay-events.sqlite');
      const relay = await startRelay({
        port,
        host,
        verifyToken,
        appSecret,
        readToken,
        dataFile,
        // Behind your own reverse proxy every request comes from it: limit by the address it saw.
        limits: { trustProxy: flag(ctx, 'trust-proxy') },
        ...(retain ? { retainDays: Number(retain) } : {}),
      });
      print(ctx, { url: relay.url, port: relay.port, host, data: dataFile }, () =>
        [
          `Webhook relay listening on ${host}:${relay.port} (events stored in ${dataFile}).`,
          `  Meta callback URL: https://<your public host>/webhook   (put HTTPS in front of this port)`,
          `  Campaign Desk reads: https://<your public host>/events with the read token`,
          `  Health: ${relay.url}/health ("ok"; counters with the read token)`,
          'Stop with Ctrl+C.',
        ].join('\n'),
      );
      await (ctx.io.untilStopped?.() ?? new Promise<void>(() => undefined));
      await relay.close();
      return EXIT.OK;
    },
  },
];
