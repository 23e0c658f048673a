import { z } from 'zod';
import {
  audienceFileInput,
  type AudiencePreview,
  type ImportResult,
  type ImportSummary,
  type InvalidRow,
  type Recipient,
} from './audience';
import type { Account, AppInfo, Campaign, CampaignSummary } from './models';
import { campaignName, id } from './models';

/**
 * The contract: every method once, with its input schema and output type.
 * Both shells (Electron IPC and the headless HTTP server) are generated from this map,
 * so a method that is not here cannot be called from the renderer.
 */
function method<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}

const empty = z.object({}).strict().optional().default({});

export const methods = {
  'app.info': method<typeof empty, AppInfo>(empty),

  'accounts.list': method<typeof empty, Account[]>(empty),

  'campaigns.list': method<typeof empty, CampaignSummary[]>(empty),
  'campaigns.create': (() => {
    const input = z.object({ name: campaignName, accountId: id.optional() }).strict();
    return method<typeof input, Campaign>(input);
  })(),
  'campaigns.get': (() => {
    const input = z.object({ id }).strict();
    return method<typeof input, Campaign>(input);
  })(),
  'campaigns.rename': (() => {
    const input = z.object({ id, name: campaignName }).strict();
    return method<typeof input, Campaign>(input);
  })(),
  'campaigns.delete': (() => {
    const input = z.object({ id }).strict();
    return method<typeof input, { id: number }>(input);
  })(),

  'audience.preview': method<typeof audienceFileInput, AudiencePreview>(audienceFileInput),
  /** Resolves when the import has landed (or failed, or was cancelled); progress comes as events. */
  'audience.import': method<typeof audienceFileInput, ImportResult>(audienceFileInput),
  'audience.cancelImport': (() => {
    const input = z.object({ campaignId: id }).strict();
    return method<typeof input, { cancelled: boolean }>(input);
  })(),
  'audience.clear': (() => {
    const input = z.object({ campaignId: id }).strict();
    return method<typeof input, { removed: number }>(input);
  })(),
  'audience.imports': (() => {
    const input = z.object({ campaignId: id }).strict();
    return method<typeof input, ImportSummary[]>(input);
  })(),
  'audience.invalidRows': (() => {
    const input = z.object({ importId: id, limit: z.number().int().min(1).max(10_000).default(100), offset: z.number().int().min(0).default(0) }).strict();
    return method<typeof input, { total: number; rows: InvalidRow[] }>(input);
  })(),
  'recipients.list': (() => {
    const input = z
      .object({
        campaignId: id,
        limit: z.number().int().min(1).max(1000).default(100),
        afterId: z.number().int().min(0).default(0),
      })
      .strict();
    return method<typeof input, { items: Recipient[]; nextAfterId: number | null }>(input);
  })(),
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
