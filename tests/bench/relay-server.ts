// The relay alone in its process, with its default limits, for tests/bench/relay-load.ts: prints its
// port, then serves until killed.
import { startRelay } from '../../electron/headless/relay';

const [dataFile, secret, read] = process.argv.slice(2);
if (!dataFile || !secret || !read) throw new Error('usage: relay-server.ts DATA_FILE SECRET READ');
const relay = await startRelay({
  port: 0,
  host: '127.0.0.1',
  verifyToken: 'bench-verify',
  appSecret: secret,
  readToken: read,
  dataFile,
  // Every client here is 127.0.0.1: the per-source limit would refuse the whole bench as one source.
  limits: { burst: 1e9, perSecond: 1e9 },
});
// tsx runs the script in a child of its own: the pid to measure is this one.
console.log(JSON.stringify({ port: relay.port, pid: process.pid }));
