import { z } from 'zod';
import { id } from '../models';
import {
  isTimeZone,
  REPORT_FILTERS,
  REPORT_FORMATS,
  type ReportOptions,
  type ReportResult,
} from '../reports';
import { method } from './define';

const byCampaign = z.object({ campaignId: id }).strict();

export const reportInput = z
  .object({
    campaignId: id,
    format: z.enum(REPORT_FORMATS),
    filter: z.enum(REPORT_FILTERS).default('all'),
    /** Column ids from `reports.options`, in any order (the file keeps its own order); all when absent. */
    columns: z.array(z.string().min(1).max(600)).min(1).max(5000).optional(),
    /** The user's IANA zone for the times; the core's system zone when absent. */
    timeZone: z
      .string()
      .min(1)
      .max(100)
      .refine(isTimeZone, 'Use an IANA time zone such as Europe/Berlin.')
      .optional(),
  })
  .strict();

export const reportMethods = {
  /** The columns a report can hold and how many rows each filter selects. */
  'reports.options': method<typeof byCampaign, ReportOptions>(byCampaign),
  /**
   * Writes the report in a worker (progress as `report.progress` events) and resolves when the file
   * is ready; the shell then saves it (`download('report', exportId)`).
   */
  'reports.export': method<typeof reportInput, ReportResult>(reportInput),
  'reports.cancel': method<typeof byCampaign, { cancelled: boolean }>(byCampaign),
};
