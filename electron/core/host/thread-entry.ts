import { parentPort, workerData } from 'node:worker_threads';
import { serveCore } from './serve';

/** The core host in a worker thread (headless shell, CLI): the protocol over parentPort. */
const port = parentPort;
if (port)
  serveCore(workerData, {
    post: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', listener),
    exit: () => port.close(),
  });
