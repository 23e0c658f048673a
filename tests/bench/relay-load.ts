// Relay under load (issue 22 item 2): the relay alone in a child process (default limits, except the
// per-source limit, since every client here is 127.0.0.1), then 300 stalled connections each sending
// 1 MB of a 3 MB body, 100 slow clients trickling bytes, and bursts of valid signed webhooks (re-sent
// on a non-200, as Meta does). Reports the relay's peak RSS (VmHWM) and checks that every valid
// webhook was kept. Linux only (reads /proc). Run: npx tsx tests/bench/relay-load.ts
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.tmp', 'bench', 'relay');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const SECRET = randomBytes(16).toString('hex');
const READ = randomBytes(16).toString('hex');
const STALLED = Number(process.env.BENCH_STALLED ?? 300);
const SLOW = Number(process.env.BENCH_SLOW ?? 100);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 5);
const PER_BURST = Number(process.env.BENCH_PER_BURST ?? 200);
const MB = 1024 * 1024;

const child = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    join(import.meta.dirname, 'relay-server.ts'),
    join(work, 'relay.sqlite'),
    SECRET,
    READ,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
const { port, pid } = JSON.parse(String(first.value)) as { port: number; pid: number };
const base = `http://127.0.0.1:${port}`;
const rssMB = (field: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(m?.[1] ?? 0) / 1024);
};
const before = rssMB('VmRSS');

function hostile(send: number, trickle: boolean): Socket {
  const s = connect(port, '127.0.0.1', () => {
    s.write(
      `POST /webhook HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${3 * MB - 1}\r\nX-Hub-Signature-256: sha256=${'ab'.repeat(32)}\r\n\r\n`,
    );
    if (!trickle) s.write(Buffer.alloc(send, 0x20));
    else {
      const t = setInterval(() => (s.destroyed ? clearInterval(t) : s.write(' ')), 1_000);
      t.unref();
    }
  });
  s.resume();
  s.on('error', () => undefined);
  return s;
}

async function postKept(raw: string): Promise<number> {
  const signature = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
  for (let attempt = 1; attempt <= 1000; attempt++) {
    try {
      const res = await fetch(`${base}/webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature },
        body: raw,
      });
      await res.arrayBuffer();
      if (res.status === 200) return attempt;
    } catch {
      // A reset while the relay sheds load: Meta would send again.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('a valid webhook was never kept');
}

const started = Date.now();
const progress = (what: string) =>
  console.error(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
const sockets: Socket[] = [];
for (let i = 0; i < STALLED; i++) sockets.push(hostile(MB, false));
for (let i = 0; i < SLOW; i++) sockets.push(hostile(0, true));
progress(`${sockets.length} hostile connections opened`);
let retries = 0;
let sent = 0;
const sample: number[] = [];
for (let b = 0; b < BURSTS; b++) {
  const bodies = Array.from({ length: PER_BURST }, (_, i) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'bench', changes: [{ field: 'messages', value: { n: sent + i } }] }],
    }),
  );
  sent += bodies.length;
  const attempts = await Promise.all(bodies.map(postKept));
  retries += attempts.reduce((a, n) => a + n - 1, 0);
  sample.push(rssMB('VmRSS'));
  console.error(`  burst ${b + 1}: ${sample.at(-1)} MB, ${retries} re-sends so far`);
  // New stalled connections replace the ones the timeouts closed.
  for (let i = 0; i < sockets.length; i++)
    if (sockets[i]!.destroyed) sockets[i] = hostile(MB, false);
}
const peak = rssMB('VmHWM');
/** A GET with the read token, sent again if a kept-alive socket was closed under it (a race, not an error). */
async function read(path: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${READ}` } });
    } catch (e) {
      if (attempt >= 5) throw e;
    }
  }
}
let kept = 0;
let after = '';
for (let pages = 0; pages < 10_000; pages++) {
  const res = await read(`/events?limit=1000${after ? `&after=${after}` : ''}`);
  const page = (await res.json()) as { events: unknown[]; next: string | null };
  kept += page.events.length;
  if (!page.next) break;
  after = page.next;
}
const health = (await (await read('/health')).json()) as { counters: Record<string, number> };
for (const s of sockets) s.destroy();
process.kill(pid);
child.kill();
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `Relay under ${STALLED} stalled connections (1 MB of 3 MB sent) + ${SLOW} slow clients (1 byte/s), ` +
    `${BURSTS} bursts of ${PER_BURST} valid webhooks:`,
);
console.log(
  `  RSS at start ${before} MB, after each burst ${sample.join(' / ')} MB, peak ${peak} MB (target < 300 MB)`,
);
console.log(
  `  valid webhooks kept ${kept} of ${sent} (re-sends after a refusal: ${retries}); ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`  counters ${JSON.stringify(health.counters)}`);
if (kept !== sent || peak >= 300) process.exitCode = 1;
