import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

export type View =
  | { page: 'campaigns' }
  | { page: 'campaign'; id: number }
  | { page: 'settings' }
  | { page: 'suppression' }
  | { page: 'studio' }
  | { page: 'replies' };

export interface UiSlice {
  view: View;
  navigate: (view: View) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: { page: 'campaigns' },
  navigate: (view) => set({ view }),
});
