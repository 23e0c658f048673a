import type { StateCreator } from 'zustand';
import type {
  ApiError,
  ReportFilter,
  ReportFormat,
  ReportOptions,
  ReportProgress,
  ReportResult,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export interface ReportsSlice {
  reportCampaignId: number | null;
  reportOptions: ReportOptions | null;
  reportFormat: ReportFormat;
  reportFilter: ReportFilter;
  /** Chosen column ids; the file keeps the campaign's column order whatever the order here. */
  reportColumns: string[];
  reportRunning: boolean;
  reportProgress: ReportProgress | null;
  reportResult: ReportResult | null;
  /** Whether the last finished report was saved (false: the save dialog was cancelled). */
  reportSaved: boolean | null;
  reportError: ApiError | null;
  openReports: (campaignId: number) => Promise<void>;
  setReportFormat: (format: ReportFormat) => void;
  setReportFilter: (filter: ReportFilter) => void;
  setReportColumns: (ids: string[]) => void;
  startReport: () => Promise<void>;
  cancelReport: () => Promise<void>;
  saveReport: () => Promise<void>;
  setReportProgress: (p: ReportProgress) => void;
}

/** The zone of the person looking at the screen, not the machine running the core (the browser shell may differ). */
const userTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const createReportsSlice: StateCreator<AppState, [], [], ReportsSlice> = (set, get) => ({
  reportCampaignId: null,
  reportOptions: null,
  reportFormat: 'xlsx',
  reportFilter: 'all',
  reportColumns: [],
  reportRunning: false,
  reportProgress: null,
  reportResult: null,
  reportSaved: null,
  reportError: null,

  async openReports(campaignId) {
    const same = get().reportCampaignId === campaignId;
    if (!same)
      set({
        reportCampaignId: campaignId,
        reportOptions: null,
        reportResult: null,
        reportSaved: null,
        reportError: null,
        reportProgress: null,
      });
    const result = await api.call('reports.options', { campaignId });
    if (get().reportCampaignId !== campaignId) return;
    if (!result.ok) return set({ reportError: result.error });
    const known = new Set(result.value.columns.map((c) => c.id));
    const kept = same ? get().reportColumns.filter((id) => known.has(id)) : [];
    set({ reportOptions: result.value, reportColumns: kept.length ? kept : [...known] });
  },

  setReportFormat: (reportFormat) => set({ reportFormat }),
  setReportFilter: (reportFilter) => set({ reportFilter }),
  setReportColumns: (reportColumns) => set({ reportColumns }),

  async startReport() {
    const {
      reportCampaignId: campaignId,
      reportFormat: format,
      reportFilter: filter,
      reportColumns: columns,
      reportOptions,
    } = get();
    if (campaignId === null || get().reportRunning) return;
    const all = reportOptions?.columns.length === columns.length;
    set({
      reportRunning: true,
      reportProgress: null,
      reportResult: null,
      reportSaved: null,
      reportError: null,
    });
    const result = await api.call(
      'reports.export',
      {
        campaignId,
        format,
        filter,
        timeZone: userTimeZone(),
        ...(all ? {} : { columns }),
      },
      { shownInPlace: true },
    );
    set({ reportRunning: false });
    if (!result.ok) return set({ reportError: result.error, reportProgress: null });
    set({ reportResult: result.value });
    await get().saveReport();
  },

  async cancelReport() {
    const campaignId = get().reportCampaignId;
    if (campaignId !== null) await api.call('reports.cancel', { campaignId });
  },

  async saveReport() {
    const report = get().reportResult;
    if (!report) return;
    const saved = await api.download('report', report.exportId);
    if (saved.ok) set({ reportSaved: saved.value.saved });
    else set({ reportError: saved.error });
  },

  setReportProgress(p) {
    if (p.campaignId === get().reportCampaignId && get().reportRunning) set({ reportProgress: p });
  },
});
