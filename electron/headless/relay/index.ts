export {
  startRelay,
  MAX_BODY_BYTES,
  DEFAULT_PAGE,
  MAX_PAGE,
  type Relay,
  type RelayCounters,
  type RelayOptions,
} from './server';
export { sign, sameSecret } from './signature';
export { openRelayStore, toCursor } from './store';
export { type RelayLimits } from './limits';
