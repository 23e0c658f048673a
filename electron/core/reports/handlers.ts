import type { reportMethods } from '../../../shared/api/methods/reports';
import type { HandlersFor } from '../api/handlers';
import type { ReportService } from './service';

export function reportHandlers(reports: ReportService): HandlersFor<typeof reportMethods> {
  return {
    'reports.options': (input) => reports.options(input.campaignId),
    'reports.export': (input) => reports.export(input),
    'reports.cancel': (input) => reports.cancel(input.campaignId),
  };
}
