/**
 * Counts how often the event loop gets control while some work runs: an immediate that re-queues
 * itself runs once per loop iteration in which the work yields. Work that never yields lets it
 * run at most once or twice; work that yields after each of n chunks lets it run about n times.
 * This proves "yields between chunks" without timing anything, so a loaded machine cannot make
 * it fail and a fast one cannot make it pass by accident.
 */
export function countLoopTurns(): { stop(): number } {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop() {
      running = false;
      return turns;
    },
  };
}
