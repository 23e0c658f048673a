import { create } from 'zustand';
import { createAudienceSlice, type AudienceSlice } from './slices/audience';
import { createCampaignsSlice, type CampaignsSlice } from './slices/campaigns';
import { createProgressSlice, type ProgressSlice } from './slices/progress';
import { createReportsSlice, type ReportsSlice } from './slices/reports';
import { createSendSlice, type SendSlice } from './slices/send';
import { createSettingsSlice, type SettingsSlice } from './slices/settings';
import { createTemplatesSlice, type TemplatesSlice } from './slices/templates';
import { createUiSlice, type UiSlice } from './slices/ui';
import { createVariantsSlice, type VariantsSlice } from './slices/variants';

export type AppState = UiSlice & CampaignsSlice & SettingsSlice & AudienceSlice & SendSlice & TemplatesSlice & ProgressSlice & ReportsSlice & VariantsSlice;

/** One bound store composed from slices; UI state plus a cache of what SQLite holds. */
export const useStore = create<AppState>()((...a) => ({
  ...createUiSlice(...a),
  ...createCampaignsSlice(...a),
  ...createSettingsSlice(...a),
  ...createAudienceSlice(...a),
  ...createSendSlice(...a),
  ...createTemplatesSlice(...a),
  ...createProgressSlice(...a),
  ...createReportsSlice(...a),
  ...createVariantsSlice(...a),
}));
