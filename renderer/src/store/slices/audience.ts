import type { StateCreator } from 'zustand';
import type {
  ApiError,
  AudiencePreview,
  FileRef,
  ImportProgress,
  ImportResult,
  ImportSummary,
  ReadOptions,
  Recipient,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export interface StagedFile {
  ref: FileRef;
  name: string;
}

export interface AudienceSlice {
  audienceCampaignId: number | null;
  staged: StagedFile | null;
  readOptions: ReadOptions;
  preview: AudiencePreview | null;
  previewLoading: boolean;
  audienceError: ApiError | null;
  importing: boolean;
  progress: ImportProgress | null;
  lastResult: ImportResult | null;
  imports: ImportSummary[];
  recipients: Recipient[];
  openAudience: (campaignId: number) => Promise<void>;
  refreshAudience: () => Promise<void>;
  stageFile: (file: File) => Promise<void>;
  setReadOption: <K extends keyof ReadOptions>(key: K, value: ReadOptions[K]) => Promise<void>;
  discardFile: () => void;
  startImport: () => Promise<void>;
  cancelImport: () => Promise<void>;
  clearAudience: () => Promise<ApiError | null>;
  setProgress: (p: ImportProgress) => void;
}

const RECIPIENTS_SHOWN = 50;

export const createAudienceSlice: StateCreator<AppState, [], [], AudienceSlice> = (set, get) => {
  const requestPreview = async () => {
    const { audienceCampaignId, staged, readOptions } = get();
    if (audienceCampaignId === null || !staged) return;
    set({ previewLoading: true, audienceError: null });
    const result = await api.call('audience.preview', {
      campaignId: audienceCampaignId,
      file: staged.ref,
      fileName: staged.name,
      options: readOptions,
    });
    if (get().staged !== staged) return; // a newer file replaced this one meanwhile
    if (result.ok) {
      // Keep what was detected, so the selects show it and the import uses the same choices.
      const p = result.value;
      set({
        preview: p,
        previewLoading: false,
        readOptions: {
          ...readOptions,
          ...(p.phoneColumn ? { phoneColumn: p.phoneColumn } : {}),
          hasHeader: p.hasHeader,
          ...(p.encoding ? { encoding: p.encoding } : {}),
          ...(p.delimiter ? { delimiter: p.delimiter } : {}),
          defaultCountry: p.defaultCountry,
        },
      });
    } else set({ preview: null, previewLoading: false, audienceError: result.error });
  };

  return {
    audienceCampaignId: null,
    staged: null,
    readOptions: {},
    preview: null,
    previewLoading: false,
    audienceError: null,
    importing: false,
    progress: null,
    lastResult: null,
    imports: [],
    recipients: [],

    async openAudience(campaignId) {
      if (get().audienceCampaignId !== campaignId) {
        set({
          audienceCampaignId: campaignId,
          staged: null,
          preview: null,
          readOptions: {},
          lastResult: null,
          audienceError: null,
          progress: null,
        });
      }
      await get().refreshAudience();
    },

    async refreshAudience() {
      const campaignId = get().audienceCampaignId;
      if (campaignId === null) return;
      const [imports, recipients] = await Promise.all([
        api.call('audience.imports', { campaignId }),
        api.call('recipients.list', { campaignId, limit: RECIPIENTS_SHOWN }),
      ]);
      if (get().audienceCampaignId !== campaignId) return;
      set({
        imports: imports.ok ? imports.value : [],
        recipients: recipients.ok ? recipients.value.items : [],
      });
    },

    async stageFile(file) {
      set({ audienceError: null, lastResult: null, preview: null, previewLoading: true });
      const staged = await api.stageFile(file);
      if (!staged.ok) return set({ audienceError: staged.error, previewLoading: false });
      // A new file is read fresh: encoding, delimiter and columns are detected again.
      set({ staged: { ref: staged.value, name: file.name }, readOptions: {} });
      await requestPreview();
    },

    async setReadOption(key, value) {
      const readOptions = { ...get().readOptions };
      if (value === undefined) delete readOptions[key];
      else readOptions[key] = value;
      // A different encoding, delimiter or header choice changes the columns themselves.
      if (key === 'encoding' || key === 'delimiter' || key === 'hasHeader')
        delete readOptions.phoneColumn;
      set({ readOptions });
      await requestPreview();
    },

    discardFile() {
      set({ staged: null, preview: null, readOptions: {}, audienceError: null });
    },

    async startImport() {
      const { audienceCampaignId, staged, readOptions } = get();
      if (audienceCampaignId === null || !staged) return;
      set({ importing: true, progress: null, audienceError: null, lastResult: null });
      const result = await api.call(
        'audience.import',
        {
          campaignId: audienceCampaignId,
          file: staged.ref,
          fileName: staged.name,
          options: readOptions,
        },
        { shownInPlace: true },
      );
      set({ importing: false, progress: null });
      if (result.ok) set({ lastResult: result.value, staged: null, preview: null });
      else set({ audienceError: result.error });
      await get().refreshAudience();
    },

    async cancelImport() {
      const campaignId = get().audienceCampaignId;
      if (campaignId !== null) await api.call('audience.cancelImport', { campaignId });
    },

    async clearAudience() {
      const campaignId = get().audienceCampaignId;
      if (campaignId === null) return null;
      const result = await api.call('audience.clear', { campaignId });
      set({ lastResult: null });
      await get().refreshAudience();
      return result.ok ? null : result.error;
    },

    setProgress(p) {
      if (p.campaignId === get().audienceCampaignId && get().importing) set({ progress: p });
    },
  };
};
