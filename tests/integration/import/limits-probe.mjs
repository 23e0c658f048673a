// A stand-in import worker that answers with the resource limits it was started with, so a test
// sees what runJob really gives the worker (node:worker_threads' resourceLimits, inside it).
import { parentPort, resourceLimits } from 'node:worker_threads';

parentPort?.postMessage({ type: 'preview', result: resourceLimits });
