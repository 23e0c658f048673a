import { z } from 'zod';
import { filterSchema } from '../../domain/audience-filter';
import type { FilterCount, FilterState } from '../audience-filter';
import { id } from '../models';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const setFilterInput = z
  .object({
    campaignId: id,
    /** null (or a filter without conditions) clears it: everybody imported is in the audience. */
    filter: filterSchema.nullable(),
  })
  .strict();

export const audienceFilterMethods = {
  /** The saved filter, the columns it can use and the reading defaults from the campaign's country. */
  'campaigns.filter': method<typeof byCampaign, FilterState>(byCampaign),
  /** Drafts only; settings key `filter`. Node ids left out are given (c1, g2…). */
  'campaigns.setFilter': method<typeof setFilterInput, FilterState>(setFilterInput),
  /** How many recipients the saved filter keeps, and unreadable cells per number or date condition. */
  'campaigns.filterCount': method<typeof byCampaign, FilterCount>(byCampaign),
};
