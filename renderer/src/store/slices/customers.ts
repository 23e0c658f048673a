import type { StateCreator } from 'zustand';
import type {
  ApiError,
  BookImportResult,
  CustomerDetail,
  CustomerSummary,
  ForgetResult,
} from '../../../../shared/api';
import type { MethodInput } from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

/** Rows per keyset page as the table scrolls (the method allows 500). */
export const CUSTOMER_PAGE_SIZE = 200;

export interface CustomerBookView {
  search: string;
  /** Only this segment's members (null: the whole book). */
  segmentId: number | null;
  items: CustomerSummary[];
  total: number;
  nextAfterId: number | null;
  loading: boolean;
  error: ApiError | null;
}

/**
 * The Customers page: the book in keyset pages (loaded as the table scrolls, never with OFFSET),
 * one customer's detail, forget, and "Import customers". SQLite is the truth: a change refetches.
 */
export interface CustomersSlice {
  book: CustomerBookView;
  customer: { phone: string; detail: CustomerDetail | null; error: ApiError | null } | null;
  bookImport: BookImportState;
  openBook: (search?: string, segmentId?: number | null) => Promise<void>;
  loadMoreCustomers: () => Promise<void>;
  openCustomer: (phone: string) => Promise<void>;
  closeCustomer: () => void;
  forgetCustomer: (
    phone: string,
  ) => Promise<{ ok: true; value: ForgetResult } | { ok: false; error: ApiError }>;
  /** Adds or edits one customer; on success the table refreshes and the customer is shown. */
  saveCustomer: (
    input: MethodInput<'customers.save'>,
  ) => Promise<{ ok: true; created: boolean } | { ok: false; error: ApiError }>;
  importCustomers: (file: File) => Promise<void>;
  /** The last imported file again, its numbers without +code read as numbers of `country`. */
  reimportCustomers: (country: string) => Promise<void>;
  clearBookImport: () => void;
}

export interface BookImportState {
  busy: boolean;
  result: BookImportResult | null;
  error: ApiError | null;
  /** The staged upload of the last file, kept so it can be imported again with another country. */
  staged: { file: MethodInput<'customers.import'>['file']; fileName: string } | null;
}

const idleImport: BookImportState = { busy: false, result: null, error: null, staged: null };

const emptyBook: CustomerBookView = {
  search: '',
  segmentId: null,
  items: [],
  total: 0,
  nextAfterId: null,
  // Until openBook's first answer: the table says neither "empty" nor "all shown".
  loading: true,
  error: null,
};

type SliceArgs = Parameters<StateCreator<AppState, [], [], CustomersSlice>>;

async function runBookImport(
  [set, get]: [SliceArgs[0], SliceArgs[1]],
  staged: NonNullable<BookImportState['staged']>,
  country?: string,
) {
  set({ bookImport: { ...idleImport, busy: true, staged } });
  const r = await api.call(
    'customers.import',
    { ...staged, ...(country ? { options: { defaultCountry: country } } : {}) },
    { shownInPlace: true },
  );
  set({
    bookImport: {
      busy: false,
      result: r.ok ? r.value : null,
      error: r.ok ? null : r.error,
      staged,
    },
  });
  await get().openBook();
}

/** Bumped by each openBook: answers for an older view are dropped. */
let bookTicket = 0;

export const createCustomersSlice: StateCreator<AppState, [], [], CustomersSlice> = (set, get) => ({
  book: emptyBook,
  customer: null,
  bookImport: idleImport,

  async openBook(search = get().book.search, segmentId = get().book.segmentId) {
    // The rows shown stay until the first page of the new view arrives: a refetch after an
    // import or a forget does not blank the table.
    const ticket = ++bookTicket;
    set({ book: { ...get().book, search, segmentId, loading: true } });
    const r = await api.call('customers.list', {
      search,
      limit: CUSTOMER_PAGE_SIZE,
      afterId: 0,
      ...(segmentId === null ? {} : { segmentId }),
    });
    if (ticket !== bookTicket) return;
    set({
      book: r.ok
        ? {
            search,
            segmentId,
            items: r.value.items,
            total: r.value.total,
            nextAfterId: r.value.nextAfterId,
            loading: false,
            error: null,
          }
        : { ...emptyBook, search, segmentId, loading: false, error: r.error },
    });
  },

  async loadMoreCustomers() {
    const start = get().book;
    if (start.nextAfterId === null || start.loading) return;
    const ticket = bookTicket;
    set({ book: { ...start, loading: true } });
    const r = await api.call('customers.list', {
      search: start.search,
      limit: CUSTOMER_PAGE_SIZE,
      afterId: start.nextAfterId,
      ...(start.segmentId === null ? {} : { segmentId: start.segmentId }),
    });
    // A newer view (search, segment, refetch) replaced this one: its answer is dropped.
    if (ticket !== bookTicket) return;
    const now = get().book;
    set({
      book: r.ok
        ? {
            ...now,
            items: [...now.items, ...r.value.items],
            total: r.value.total,
            nextAfterId: r.value.nextAfterId,
            loading: false,
            error: null,
          }
        : { ...now, loading: false, nextAfterId: null, error: r.error },
    });
  },

  async openCustomer(phone) {
    set({ customer: { phone, detail: null, error: null } });
    const r = await api.call('customers.show', { phone });
    if (get().customer?.phone !== phone) return;
    set({
      customer: r.ok
        ? { phone, detail: r.value, error: null }
        : { phone, detail: null, error: r.error },
    });
  },

  closeCustomer() {
    set({ customer: null });
  },

  async forgetCustomer(phone) {
    const r = await api.call('customers.forget', { phone }, { shownInPlace: true });
    if (r.ok) await get().openBook();
    return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
  },

  async saveCustomer(input) {
    const r = await api.call('customers.save', input, { shownInPlace: true });
    if (!r.ok) return { ok: false, error: r.error };
    const c = r.value.customer;
    set({ customer: { phone: c.phone, detail: c, error: null } });
    await get().openBook();
    return { ok: true, created: r.value.created };
  },

  async importCustomers(file) {
    set({ bookImport: { ...idleImport, busy: true } });
    const staged = await api.stageFile(file);
    if (!staged.ok) return set({ bookImport: { ...idleImport, error: staged.error } });
    await runBookImport([set, get], { file: staged.value, fileName: file.name });
  },

  async reimportCustomers(country) {
    const staged = get().bookImport.staged;
    if (staged) await runBookImport([set, get], staged, country);
  },

  clearBookImport() {
    set({ bookImport: idleImport });
  },
});
