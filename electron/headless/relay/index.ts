export {
  startRelay,
  MAX_BODY_BYTES,
  DEFAULT_PAGE,
  MAX_PAGE,
  type Relay,
  type RelayCounters,
  type RelayOptions,
} from './server';
export { checkSignature, sign, sameSecret } from './signature';
export { openRelayStore, toCursor } from './store';
