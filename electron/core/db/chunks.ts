/**
 * SQLite's write lock is not fair. A connection that finds it taken sleeps on busy_timeout in
 * growing steps (up to 100 ms) and tries again; a loop that commits chunk after chunk with no gap
 * holds the lock almost all the time, and another process's short write can wait past its
 * busy_timeout even though no single transaction is long (CI saw "database is locked" while an
 * import was copied into the customer book). Between two chunks, a bulk writer leaves the lock
 * free for as long as it held it, so a waiter finds it free about half the times it looks.
 */
const MIN_GAP_MS = 2;
const MAX_GAP_MS = 25;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread without holding any lock (Atomics.wait: allowed on Node's main thread). */
export function leaveLockFree(heldMs: number): void {
  const gap = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, Math.ceil(heldMs)));
  Atomics.wait(sleeper, 0, 0, gap);
}

/**
 * Runs `step` (one short write transaction that reports whether there is more) until it answers
 * false, leaving the lock free between steps. Bounded by `step`: each must make progress or stop.
 */
export function inChunks(step: () => boolean): void {
  for (;;) {
    const started = performance.now();
    if (!step()) return;
    leaveLockFree(performance.now() - started);
  }
}
