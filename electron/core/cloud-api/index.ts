/** HTTP client for Meta's WhatsApp Cloud API (Graph). Runs in plain Node: no Electron imports. */
export { createCloudApiClient } from './client';
export { redactSecrets, REDACTED } from './redact';
export type {
  ApiFailure,
  CloudApiClient,
  CloudApiSessionMessage,
  CloudApiConfig,
  ListTemplatesOutcome,
  ListTemplatesSuccess,
  SendOutcome,
  TemplateAnalyticsPoint,
} from './types';
export { TEMPLATE_ANALYTICS_MAX_IDS } from './analytics';
