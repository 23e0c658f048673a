// Sender benchmark: the app against a sandbox running in its own process, at 80/s and 1,000/s,
// and a 100,000-recipient campaign at 1,000/s. Run: npx tsx tests/bench/send.ts
import { root, runSendApp, withSandbox } from './sandbox-process';

const cases: [number, number][] = process.env.SEND_CASES
  ? (JSON.parse(process.env.SEND_CASES) as [number, number][])
  : [
      [80, 2400],
      [1000, 20_000],
      [1000, 100_000],
    ];
for (const [rate, count] of cases) {
  // The simulator enforces the same rate: any 130429 would mean the app went faster than allowed.
  const r = await withSandbox(['--rate', String(rate)], (url) =>
    runSendApp(root, url, rate, count),
  );
  console.log(
    `rate ${rate}/s, ${count.toLocaleString('en')} recipients: wall ${(r.wallMs! / 1000).toFixed(1)} s, achieved ${r.achievedRate}/s (${(r.achievedRate! / rate).toFixed(3)} of configured), ` +
      `max in any 1 s ${r.maxInOneSecond}, 130429 answers ${r.rejected429}, CPU ${r.cpuSecondsPer1000} s per 1,000, peak RSS ${r.maxRssMB} MB`,
  );
}
