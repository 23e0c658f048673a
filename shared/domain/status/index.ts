export * from './types';
export * from './ladder';
export { parseWebhook, ofKind } from './webhook';
export {
  historyObservations,
  parseHistoryPage,
  type HistoryEventLike,
  type HistoryItemLike,
} from './history';
export { TEMPLATE_STOP_EVENTS, templatePauseReason, templateStopsSending } from './template-events';
export { HELD_LABEL, HELD_MESSAGE_STATUSES, isHeldStatus } from './held';
