import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startHeadlessServer } from '../../server';
import { sandboxReplyScale, sandboxPerUserLimit, TEST_SWITCHES_ENV } from '../../test-switches';
import { openHostedCore } from '../../../core/host/open';
import { inProcessCore, type ShellCore } from '../../core/shell-core';
import { threadedCore } from '../../core/threaded';
import type { HostOptions } from '../../../../shared/core-host/protocol';
import { EXIT, parsePort, print, str, flag, type Command } from '../framework';

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

/**
 * The built renderer: beside the bundled CLI (out/cli → out/renderer), or from the source tree
 * (electron/headless/cli/commands → out/renderer) when run through tsx.
 */
/**
 * Runs the core the old way, in the shell's own thread: only for the event-loop bench's
 * before/after comparison (tests/bench/event-loop.ts). Everything else runs it in a worker thread.
 */
export const CORE_IN_PROCESS_ENV = 'CAMPAIGN_DESK_CORE_IN_PROCESS';

async function startCore(options: HostOptions, stderr: (line: string) => void): Promise<ShellCore> {
  if (process.env[CORE_IN_PROCESS_ENV] === '1') return inProcessCore(openHostedCore(options));
  return threadedCore(options, { notice: stderr });
}

function builtRendererDir(here: string): string {
  const bundled = resolve(here, '../renderer');
  return existsSync(join(bundled, 'index.html'))
    ? bundled
    : resolve(here, '../../../../out/renderer');
}

export const serveCommands: Command[] = [
  {
    path: ['serve'],
    options: { port: { type: 'string' }, open: { type: 'boolean' } },
    usage: 'serve [--port N] [--open]',
    summary: 'Run the app in your browser (headless shell on 127.0.0.1)',
    async run(ctx) {
      const port = parsePort(str(ctx, 'port'));
      // The browser shell sends like the app: it picks up and resumes sending campaigns.
      const testSwitches = process.env[TEST_SWITCHES_ENV] === '1';
      const scale = testSwitches ? sandboxReplyScale(process.env) : undefined;
      const perUserLimit = testSwitches ? sandboxPerUserLimit(process.env) : undefined;
      const core = await startCore(
        {
          ...ctx.hostOptions(),
          runSenders: true,
          // Only under the test switches: the app's time is the real time otherwise.
          ...(testSwitches ? { testClock: true } : {}),
          ...(scale ? { sandboxReplyScale: scale } : {}),
          ...(perUserLimit ? { sandboxPerUserLimit: perUserLimit } : {}),
        },
        ctx.io.stderr,
      );
      const rendererDir = builtRendererDir(import.meta.dirname);
      let server;
      try {
        server = await startHeadlessServer({
          core,
          rendererDir,
          port,
          testSwitches,
          testClock: testSwitches,
        });
      } catch (e) {
        await core.close();
        throw e;
      }
      print(
        ctx,
        { url: server.url, openUrl: server.openUrl, token: server.token, dataDir: ctx.dataDir },
        () =>
          [
            `Campaign Desk is running at ${server.openUrl}`,
            `Data folder: ${ctx.dataDir}`,
            'Press Ctrl+C to stop.',
          ].join('\n'),
      );
      if (flag(ctx, 'open')) openInBrowser(server.openUrl);
      await (ctx.io.untilStopped?.() ?? new Promise<void>(() => undefined));
      await server.close();
      await core.close();
      return EXIT.OK;
    },
  },
];
