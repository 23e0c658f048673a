import type { StateCreator } from 'zustand';
import type { Account, ApiError, AppInfo, BusinessCountry } from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export interface SettingsSlice {
  accounts: Account[];
  appInfo: AppInfo | null;
  settingsError: ApiError | null;
  /** null until loaded: the first-run question waits for it rather than flash. */
  businessCountry: BusinessCountry | null;
  loadSettings: () => Promise<void>;
  /** Saves the business's country; returns the error to show where the user acted, or null. */
  setBusinessCountry: (country: string | null) => Promise<ApiError | null>;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  accounts: [],
  appInfo: null,
  settingsError: null,
  businessCountry: null,
  async loadSettings() {
    const [accounts, info, country] = await Promise.all([
      api.call('accounts.list', {}),
      api.call('app.info', {}),
      api.call('settings.businessCountry', {}),
    ]);
    set({
      accounts: accounts.ok ? accounts.value : [],
      appInfo: info.ok ? info.value : null,
      businessCountry: country.ok ? country.value : null,
      settingsError: !accounts.ok
        ? accounts.error
        : !info.ok
          ? info.error
          : !country.ok
            ? country.error
            : null,
    });
  },
  async setBusinessCountry(country) {
    const r = await api.call('settings.setBusinessCountry', { country }, { shownInPlace: true });
    if (!r.ok) return r.error;
    set({ businessCountry: r.value });
    return null;
  },
});
