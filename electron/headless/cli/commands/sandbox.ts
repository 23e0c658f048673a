import { describeSandbox, startSandbox, type FaultConfig } from '../../../sandbox';
import { EXIT, parsePort, print, str, UsageError, type Command, type Ctx } from '../framework';

/** A share from 0 to 1 ("0.02" is 2 %), or undefined when the flag is absent. */
function share(ctx: Ctx, name: string): number | undefined {
  const raw = str(ctx, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`--${name} must be a share from 0 to 1 (0.02 is 2 %), not "${raw}".`);
  return n;
}

/** Transport faults on sends, for trying (and benchmarking) the app against a misbehaving API. */
function faults(ctx: Ctx): FaultConfig | undefined {
  const config: FaultConfig = {};
  const serverErrorRate = share(ctx, 'server-error-rate');
  const resetRate = share(ctx, 'reset-rate');
  const seed = str(ctx, 'fault-seed');
  if (serverErrorRate !== undefined) config.serverErrorRate = serverErrorRate;
  if (resetRate !== undefined) config.resetRate = resetRate;
  if (seed !== undefined) {
    if (!/^\d{1,9}$/.test(seed))
      throw new UsageError(`--fault-seed must be a whole number, not "${seed}".`);
    config.seed = Number(seed);
  }
  return Object.keys(config).length ? config : undefined;
}

export const sandboxCommands: Command[] = [
  {
    path: ['sandbox'],
    options: {
      port: { type: 'string' },
      rate: { type: 'string' },
      'server-error-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
    },
    usage:
      'sandbox [--port N] [--rate N] [--server-error-rate 0.02] [--reset-rate 0.01] [--fault-seed N]',
    summary: 'Run the Cloud API simulator on 127.0.0.1 (for trying the app or a script)',
    async run(ctx) {
      const port = parsePort(str(ctx, 'port'));
      const rate = str(ctx, 'rate');
      const f = faults(ctx);
      const sandbox = await startSandbox({
        port,
        ...(rate ? { ratePerSecond: Number(rate) } : {}),
        ...(f ? { faults: f } : {}),
      });
      print(
        ctx,
        {
          url: sandbox.url,
          port: sandbox.port,
          phoneNumberId: sandbox.phoneNumberId,
          wabaId: sandbox.wabaId,
        },
        () => describeSandbox(sandbox),
      );
      await (ctx.io.untilStopped?.() ?? new Promise<void>(() => undefined));
      await sandbox.close();
      return EXIT.OK;
    },
  },
];
