export * from './types';
export * from './ladder';
export { parseWebhook, ofKind } from './webhook';
export { historyObservations, parseHistoryPage } from './history';
export { templatePauseReason, templateStopsSending } from './template-events';
export { HELD_LABEL, isHeldStatus } from './held';
