import { enableTemplateInsights, templateAnalytics } from './analytics';
import { createCaller } from './caller';
import { messageHistory } from './history';
import { uploadMedia } from './media';
import { mediaBytes, mediaInfo } from './inbound-media';
import { phoneNumberInfo } from './phone-number';
import { marketingOnboarding, wabaInfo, wabaPhoneNumbers } from './waba';
import { portfolioMessagingLimit, portfolioOfWaba } from './portfolio';
import { sendTemplate } from './send';
import { listTemplates } from './templates';
import {
  createTemplate,
  deleteTemplate,
  editTemplate,
  templateLibrary,
  templateState,
} from './template-admin';
import { uploadSample } from './resumable-upload';
import type { CloudApiClient, CloudApiConfig } from './types';

/**
 * A typed client for the Graph / WhatsApp Cloud API endpoints Campaign Desk uses. Expected failures
 * (Meta errors, network trouble, unreadable answers, a missing token or media file) come back as
 * `{ ok: false, ... }`; only misuse (bad config or arguments, calls after close) throws. Nothing is ever
 * retried here: the sender decides, because only it knows whether a repeat could reach a customer twice.
 */
export const createCloudApiClient = (config: CloudApiConfig): CloudApiClient => {
  const caller = createCaller(config);
  const { phoneNumberId, wabaId } = config;
  return {
    sendTemplate: (body) => sendTemplate(caller, phoneNumberId, body),
    sendMarketing: (body) => sendTemplate(caller, phoneNumberId, body, 'marketing_messages'),
    marketingOnboarding: () => marketingOnboarding(caller, wabaId),
    sendSession: (body) => sendTemplate(caller, phoneNumberId, body),
    mediaInfo: (mediaId) => mediaInfo(caller, mediaId),
    mediaBytes: (url) => mediaBytes(caller, url),
    listTemplates: (options) => listTemplates(caller, wabaId, options),
    uploadMedia: (input) => uploadMedia(caller, phoneNumberId, input),
    messageHistory: (options) => messageHistory(caller, phoneNumberId, options),
    phoneNumberInfo: () => phoneNumberInfo(caller, phoneNumberId),
    wabaInfo: () => wabaInfo(caller, wabaId),
    wabaPhoneNumbers: () => wabaPhoneNumbers(caller, wabaId),
    portfolioMessagingLimit: () => portfolioMessagingLimit(caller, phoneNumberId),
    portfolioOfWaba: () => portfolioOfWaba(caller, wabaId),
    templateAnalytics: (options) => templateAnalytics(caller, wabaId, options),
    enableTemplateInsights: () => enableTemplateInsights(caller, wabaId),
    checkToken: async () => {
      const info = await phoneNumberInfo(caller, phoneNumberId);
      return info.ok ? { ok: true } : info;
    },
    createTemplate: (body) => createTemplate(caller, wabaId, body),
    templateState: (templateId) => templateState(caller, templateId),
    editTemplate: (templateId, body) => editTemplate(caller, templateId, body),
    deleteTemplate: (name, hsmId) => deleteTemplate(caller, wabaId, name, hsmId),
    uploadSample: (input) => uploadSample(caller, input),
    templateLibrary: (query) => templateLibrary(caller, query),
    close: caller.close,
  };
};
