import { z } from 'zod';
import { durationProblem, frequencyCapSetting, quietHoursSetting } from '../../domain/pacing';
import { id } from '../models';
import type { AccountPacingDefaults, PacingView } from '../pacing';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();
const empty = z.object({}).strict().optional().default({});

const spreadInput = z
  .object({
    durationMinutes: z
      .number()
      .int('Use whole minutes.')
      .superRefine((v, ctx) => {
        const p = durationProblem(v);
        if (p) ctx.addIssue({ code: 'custom', message: p });
      }),
  })
  .strict();

const setPacingInput = z
  .object({
    campaignId: id,
    /** null: back to the default (on for MARKETING templates, 7 days). Only while draft. */
    frequencyCap: frequencyCapSetting.nullable().optional(),
    /** null: back to the account's defaults. While draft or paused. */
    quietHours: quietHoursSetting.nullable().optional(),
    /** null: the account's fixed rate. While draft or paused. */
    spread: spreadInput.nullable().optional(),
  })
  .strict();

export const pacingMethods = {
  /** The campaign's pacing settings with what they do to its audience now (excluded, waiting, rate). */
  'campaigns.pacing': method<typeof byCampaign, PacingView>(byCampaign),
  'campaigns.setPacing': method<typeof setPacingInput, PacingView>(setPacingInput),
  /** Every account's default quiet hours (set them with accounts.update). */
  'accounts.pacingDefaults': method<typeof empty, AccountPacingDefaults[]>(empty),
};
