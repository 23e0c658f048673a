// quick instrumentation: patch the reconciler's row statements to time them
import { performance } from 'node:perf_hooks';
const t: Record<string, number> = {};
(globalThis as { __patch?: unknown }).__patch = (rows: Record<string, (...a: unknown[]) => unknown>) => {
  for (const k of ['byWamid', 'write', 'byId', 'settle']) {
    const f = rows[k]!;
    rows[k] = (...a: unknown[]) => { const s = performance.now(); try { return f(...a); } finally { t[k] = (t[k] ?? 0) + performance.now() - s; } };
  }
};
process.on('exit', () => console.log(JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])))));
