/**
 * Run as a child process by lifecycle.test.ts: exercises every kind of timer and socket the sandbox
 * creates, closes it, and then must exit on its own. A leaked handle keeps it alive and fails the test.
 */
import { request } from 'node:http';
import { startSandbox } from '../../../electron/sandbox';
import { PHONE_ID, send, springSale, TOKEN } from './helpers';

const sb = await startSandbox({
  delivery: { sentAfterMs: 60_000, deliveredAfterMs: 120_000, readAfterMs: 180_000 },
});
await send(sb, springSale('+16505551234'));
await fetch(`${sb.url}/events`, { headers: { Authorization: `Bearer ${sb.feedToken}` } });

// A request held by a long timeout, and one delayed by a long slowMs, both still pending at close.
sb.setFaults({ timeoutRate: 1, timeoutMs: 600_000 });
const held = new Promise<void>((resolve) => {
  const req = request(
    `${sb.url}/v23.0/${PHONE_ID}/messages`,
    { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } },
    () => resolve(),
  );
  req.on('error', () => resolve());
  req.end(JSON.stringify(springSale('+16505550000')));
});
while (sb.stats().dropped === 0) await new Promise((r) => setTimeout(r, 5));
sb.setFaults({ slowMs: 600_000 });
const slow = send(sb, springSale('+16505550001')).catch(() => 'dropped');
while (sb.stats().accepted < 2) await new Promise((r) => setTimeout(r, 5));

await sb.close();
await held;
await slow;
console.log('closed');
