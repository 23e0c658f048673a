import { serveCore } from './serve';

/**
 * The core host in the desktop app's Electron utilityProcess (issue 14, item 3). Electron gives
 * the child `process.parentPort`; the options come as the JSON argument after `--core-host`
 * (parsed by serveCore's schema). This file imports nothing of Electron, like the rest of the core.
 */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const at = process.argv.indexOf('--core-host');
let options: unknown = null;
try {
  options = at >= 0 ? JSON.parse(process.argv[at + 1] ?? 'null') : null;
} catch {
  // Left null: serveCore answers `failed` for options it does not understand.
}
if (parentPort)
  serveCore(options, {
    post: (m) => parentPort.postMessage(m),
    onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)),
    exit: () => process.exit(0),
  });
