export { startRelay, MAX_BODY_BYTES, type Relay } from './server';
export { sign } from './signature';
export { type RelayLimits } from './limits';
