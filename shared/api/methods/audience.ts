import { z } from 'zod';
import {
  audienceFileInput,
  type AudiencePreview,
  type ImportResult,
  type ImportSummary,
  type InvalidRow,
  type Recipient,
} from '../audience';
import { id } from '../models';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const invalidRowsInput = z
  .object({
    importId: id,
    limit: z.number().int().min(1).max(10_000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
const recipientsInput = z
  .object({
    campaignId: id,
    limit: z.number().int().min(1).max(1000).default(100),
    afterId: z.number().int().min(0).default(0),
  })
  .strict();

export const audienceMethods = {
  'audience.preview': method<typeof audienceFileInput, AudiencePreview>(audienceFileInput),
  /** Resolves when the import has landed (or failed, or was cancelled); progress comes as events. */
  'audience.import': method<typeof audienceFileInput, ImportResult>(audienceFileInput),
  'audience.cancelImport': method<typeof byCampaign, { cancelled: boolean }>(byCampaign),
  'audience.clear': method<typeof byCampaign, { removed: number }>(byCampaign),
  'audience.imports': method<typeof byCampaign, ImportSummary[]>(byCampaign),
  'audience.invalidRows': method<typeof invalidRowsInput, { total: number; rows: InvalidRow[] }>(
    invalidRowsInput,
  ),
  'recipients.list': method<
    typeof recipientsInput,
    { items: Recipient[]; nextAfterId: number | null }
  >(recipientsInput),
};
