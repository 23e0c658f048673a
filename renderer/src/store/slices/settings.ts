import type { StateCreator } from 'zustand';
import type { Account, ApiError, AppInfo } from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

export interface SettingsSlice {
  accounts: Account[];
  appInfo: AppInfo | null;
  settingsError: ApiError | null;
  loadSettings: () => Promise<void>;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  accounts: [],
  appInfo: null,
  settingsError: null,
  async loadSettings() {
    const [accounts, info] = await Promise.all([
      api.call('accounts.list', {}),
      api.call('app.info', {}),
    ]);
    set({
      accounts: accounts.ok ? accounts.value : [],
      appInfo: info.ok ? info.value : null,
      settingsError: !accounts.ok ? accounts.error : !info.ok ? info.error : null,
    });
  },
});
