import { create } from 'zustand';
import { createAnalyticsSlice, type AnalyticsSlice } from './slices/analytics';
import { createAudienceSlice, type AudienceSlice } from './slices/audience';
import { createCampaignsSlice, type CampaignsSlice } from './slices/campaigns';
import { createProgressSlice, type ProgressSlice } from './slices/progress';
import { createReportsSlice, type ReportsSlice } from './slices/reports';
import { createSendSlice, type SendSlice } from './slices/send';
import { createSettingsSlice, type SettingsSlice } from './slices/settings';
import { createSuppressionSlice, type SuppressionSlice } from './slices/suppression';
import { createTemplatesSlice, type TemplatesSlice } from './slices/templates';
import { createUiSlice, type UiSlice } from './slices/ui';
import { createPacingSlice, type PacingSlice } from './slices/pacing';
import { createAudienceFilterSlice, type AudienceFilterSlice } from './slices/audience-filter';
import { createVariantsSlice, type VariantsSlice } from './slices/variants';
import { createStudioSlice, type StudioSlice } from './slices/studio';
import { createCustomersSlice, type CustomersSlice } from './slices/customers';
import { createSegmentsSlice, type SegmentsSlice } from './slices/segments';
import { createRepliesSlice, type RepliesSlice } from './slices/replies';

export type AppState = UiSlice &
  CampaignsSlice &
  SettingsSlice &
  AudienceSlice &
  SendSlice &
  TemplatesSlice &
  ProgressSlice &
  ReportsSlice &
  SuppressionSlice &
  AnalyticsSlice &
  PacingSlice &
  AudienceFilterSlice &
  VariantsSlice &
  StudioSlice &
  CustomersSlice &
  SegmentsSlice &
  RepliesSlice;

/** One bound store composed from slices; UI state plus a cache of what SQLite holds. */
export const useStore = create<AppState>()((...a) => ({
  ...createUiSlice(...a),
  ...createStudioSlice(...a),
  ...createCampaignsSlice(...a),
  ...createSettingsSlice(...a),
  ...createAudienceSlice(...a),
  ...createSendSlice(...a),
  ...createTemplatesSlice(...a),
  ...createProgressSlice(...a),
  ...createReportsSlice(...a),
  ...createSuppressionSlice(...a),
  ...createAnalyticsSlice(...a),
  ...createPacingSlice(...a),
  ...createAudienceFilterSlice(...a),
  ...createVariantsSlice(...a),
  ...createCustomersSlice(...a),
  ...createSegmentsSlice(...a),
  ...createRepliesSlice(...a),
}));
