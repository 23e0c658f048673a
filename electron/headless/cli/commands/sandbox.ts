import { describeSandbox, startSandbox } from '../../../sandbox';
import { EXIT, parsePort, print, str, type Command } from '../framework';

export const sandboxCommands: Command[] = [
  {
    path: ['sandbox'],
    options: { port: { type: 'string' }, rate: { type: 'string' } },
    usage: 'sandbox [--port N] [--rate N]',
    summary: 'Run the Cloud API simulator on 127.0.0.1 (for trying the app or a script)',
    async run(ctx) {
      const port = parsePort(str(ctx, 'port'));
      const rate = str(ctx, 'rate');
      const sandbox = await startSandbox({
        port,
        ...(rate ? { ratePerSecond: Number(rate) } : {}),
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
