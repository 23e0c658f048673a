import type { StateCreator } from 'zustand';
import type { AppState } from '../index';
import { clearRefusals } from '../../lib/refusals';

export type View =
  | { page: 'campaigns' }
  | { page: 'campaign'; id: number }
  | { page: 'settings' }
  | { page: 'suppression' }
  | { page: 'studio' }
  | { page: 'customers' }
  | { page: 'replies' };

export interface UiSlice {
  view: View;
  navigate: (view: View) => void;
}

const samePage = (a: View, b: View): boolean =>
  a.page === b.page && (a.page !== 'campaign' || (b.page === 'campaign' && a.id === b.id));

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  view: { page: 'campaigns' },
  navigate: (view) => {
    // A refusal belongs where the user acted: left on another page it would only cover that
    // page's buttons (the notices float at the top right, over "Add a number" and the like).
    if (!samePage(get().view, view)) clearRefusals();
    set({ view });
  },
});
