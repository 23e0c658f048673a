import { z } from 'zod';
import { method } from './define';

/** The business's country: the default for numbers without +code (issue 15 item 7). */
export interface BusinessCountry {
  country: string | null;
  /** Answered once at first run (even with "none"): the question is not asked again. */
  asked: boolean;
}

const empty = z.object({}).strict();
const setInput = z
  .object({
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'The country is a two-letter code such as FR or BR.')
      .nullable(),
  })
  .strict();

export const settingsMethods = {
  'settings.businessCountry': method<typeof empty, BusinessCountry>(empty),
  'settings.setBusinessCountry': method<typeof setInput, BusinessCountry>(setInput),
};
