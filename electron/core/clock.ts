/** Injected time, so tests can freeze it. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
