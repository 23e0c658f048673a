export {
  detectOptOut,
  matchOptOutText,
  type InboundMessageForOptOut,
  type OptOutDetection,
} from './detect';
export { OPT_OUT_KEYWORDS, POLITE, type OptOutKeyword } from './keywords';
export { normalizeWords } from './normalize';
