import type { z } from 'zod';
import { accountLimitMethods } from './methods/accounts-limit';
import { accountMarketingMethods } from './methods/accounts-marketing';
import { accountTokenMethods } from './methods/accounts-token';
import { settingsMethods } from './methods/settings';
import { analyticsMethods } from './methods/analytics';
import { audienceMethods } from './methods/audience';
import { campaignMethods } from './methods/campaigns';
import { sendingMethods } from './methods/sending';
import { reportMethods } from './methods/reports';
import { statusMethods } from './methods/status';
import { suppressionMethods } from './methods/suppression';
import { templateMethods } from './methods/templates';
import { studioMethods } from './methods/studio';
import { pacingMethods } from './methods/pacing';
import { deliveryMethods } from './methods/delivery';
import { audienceFilterMethods } from './methods/audience-filter';
import { variantMethods } from './methods/variants';
import { replyMethods } from './methods/replies';
import { customerMethods } from './methods/customers';
import { segmentMethods } from './methods/segments';
import { scheduleMethods } from './methods/schedules';

/**
 * The contract: every method once, with its input schema and output type. Each feature keeps
 * its methods in methods/<feature>.ts; both shells (Electron IPC and the headless HTTP server)
 * are generated from this map, so a method that is not here cannot be called from the renderer.
 */
export const methods = {
  ...campaignMethods,
  ...audienceMethods,
  ...sendingMethods,
  ...statusMethods,
  ...reportMethods,
  ...templateMethods,
  ...studioMethods,
  ...accountTokenMethods,
  ...accountLimitMethods,
  ...accountMarketingMethods,
  ...suppressionMethods,
  ...analyticsMethods,
  ...pacingMethods,
  ...deliveryMethods,
  ...audienceFilterMethods,
  ...variantMethods,
  ...settingsMethods,
  ...replyMethods,
  ...customerMethods,
  ...segmentMethods,
  ...scheduleMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (before defaults are applied). */
export type MethodInput<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type MethodOutput<K extends MethodName> = Methods[K]['output'];

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
