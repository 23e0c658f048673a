import { join } from 'node:path';
import { startRelay } from '../../relay';
import { EXIT, parsePort, print, str, UsageError, type Command, type Ctx } from '../framework';

const MIN_READ_TOKEN = 16;

function secretFromEnv(ctx: Ctx, option: string, what: string): string {
  const name = str(ctx, option);
  if (!name)
    throw new UsageError(
      `relay needs --${option} VAR: the name of the environment variable holding ${what}.`,
    );
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new UsageError(`--${option} takes the NAME of an environment variable, not its value.`);
  const value = ctx.io.env[name];
  if (!value) throw new UsageError(`The environment variable ${name} (${what}) is empty.`);
  return value;
}

export const relayCommands: Command[] = [
  {
    path: ['relay'],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'verify-token': { type: 'string' },
      'app-secret-env': { type: 'string' },
      'read-token-env': { type: 'string' },
      data: { type: 'string' },
      'retain-days': { type: 'string' },
    },
    usage:
      'relay --port N --verify-token T --app-secret-env VAR --read-token-env VAR [--host H] [--data FILE] [--retain-days N]',
    summary:
      "Run the webhook relay on a public host (behind HTTPS): receives Meta's webhooks, serves them to the app",
    async run(ctx) {
      const port = parsePort(str(ctx, 'port'));
      const verifyToken = str(ctx, 'verify-token');
      if (!verifyToken)
        throw new UsageError(
          'relay needs --verify-token T: the token you also type into the Meta App Dashboard.',
        );
      const appSecret = secretFromEnv(ctx, 'app-secret-env', "your Meta app's App Secret");
      const readToken = secretFromEnv(ctx, 'read-token-env', 'the read token Campaign Desk uses');
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
        ...(retain ? { retainDays: Number(retain) } : {}),
      });
      print(ctx, { url: relay.url, port: relay.port, host, data: dataFile }, () =>
        [
          `Webhook relay listening on ${host}:${relay.port} (events stored in ${dataFile}).`,
          `  Meta callback URL: https://<your public host>/webhook   (put HTTPS in front of this port)`,
          `  Campaign Desk reads: https://<your public host>/events with the read token`,
          `  Health: ${relay.url}/health`,
          'Stop with Ctrl+C.',
        ].join('\n'),
      );
      await (ctx.io.untilStopped?.() ?? new Promise<void>(() => undefined));
      await relay.close();
      return EXIT.OK;
    },
  },
];
