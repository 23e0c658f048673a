/** HTTP client for Meta's WhatsApp Cloud API (Graph). Runs in plain Node: no Electron imports. */
export { createCloudApiClient } from './client';
export { redactSecrets, REDACTED } from './redact';
export { parseMetaError, type MetaError } from './failures';
export type {
  ApiFailure,
  CloudApiClient,
  CloudApiSessionMessage,
  CloudApiConfig,
  InvalidTemplate,
  ListTemplatesOptions,
  ListTemplatesOutcome,
  ListTemplatesSuccess,
  MessageHistoryEvent,
  MessageHistoryItem,
  MessageHistoryOptions,
  MessageHistoryOutcome,
  MessageHistorySuccess,
  PhoneNumberInfo,
  PhoneNumberInfoOutcome,
  RequestLogEntry,
  SendOutcome,
  SendSuccess,
  UploadMediaInput,
  UploadMediaOutcome,
  EnableInsightsOutcome,
  TemplateAnalyticsClick,
  TemplateAnalyticsOptions,
  TemplateAnalyticsOutcome,
  TemplateAnalyticsPoint,
} from './types';
export {
  TEMPLATE_ANALYTICS_LOOKBACK_DAYS,
  TEMPLATE_ANALYTICS_MAX_IDS,
  TEMPLATE_ANALYTICS_METRICS,
} from './analytics';
