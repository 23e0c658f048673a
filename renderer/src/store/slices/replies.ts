import type { StateCreator } from 'zustand';
import type { ApiError, ReplyRule, Thread, ThreadSummary } from '../../../../shared/api';
import { api } from '../../lib/api';
import type { AppState } from '../index';

const PAGE = 200;

/** The Replies page's list: one campaign (or all) and one search, the threads loaded so far. */
export interface ReplyListState {
  campaignId: number | null;
  search: string;
  items: ThreadSummary[];
  total: number;
  next: string | null;
  loading: boolean;
  /** Bumped on every new campaign or search: a page that answers for an older one is dropped. */
  generation: number;
  error: ApiError | null;
}

export interface OpenThreadState {
  phone: string;
  thread: Thread | null;
  loading: boolean;
  error: ApiError | null;
  /**
   * Why the last answer was refused. Kept here, not in the answer box: a refusal because the window
   * just closed replaces the box with the template picker, and the reason must stay on screen.
   */
  answerError: ApiError | null;
}

export interface RepliesSlice {
  /** Replies not read yet: the navigation's badge. */
  unreadReplies: number;
  replyList: ReplyListState;
  openThread: OpenThreadState | null;
  replyRules: { campaignId: number; rules: ReplyRule[]; error: ApiError | null } | null;
  loadUnreadReplies: () => Promise<void>;
  /** Starts the list over for a campaign (null: all campaigns) and a search. */
  showReplies: (campaignId: number | null, search: string) => Promise<void>;
  loadMoreReplies: () => Promise<void>;
  /** Re-reads what is loaded in place when replies change (no flicker, no jump to the top). */
  refreshReplies: () => Promise<void>;
  /** Opens a customer's conversation; the core marks it read. */
  openReplyThread: (phone: string) => Promise<void>;
  refreshThread: () => Promise<void>;
  /** Sends text within the window; the error is shown beside the answer box. */
  answerReply: (text: string) => Promise<ApiError | null>;
  /** An approved template, its placeholders' values by slot key: allowed outside the window. */
  answerWithTemplate: (
    templateId: number,
    parameters: Record<string, string>,
  ) => Promise<ApiError | null>;
  answerWithFile: (
    kind: 'image' | 'document',
    file: File,
    caption: string,
  ) => Promise<ApiError | null>;
  labelCustomer: (label: string, remove: boolean) => Promise<ApiError | null>;
  loadReplyRules: (campaignId: number) => Promise<void>;
  setReplyRule: (
    campaignId: number,
    button: string,
    label: string | null,
  ) => Promise<ApiError | null>;
}

const emptyList: ReplyListState = {
  campaignId: null,
  search: '',
  items: [],
  total: 0,
  next: null,
  loading: false,
  generation: 0,
  error: null,
};

const listInput = (l: ReplyListState, before?: string | null, limit = PAGE) => ({
  ...(l.campaignId !== null ? { campaignId: l.campaignId } : {}),
  search: l.search.trim(),
  limit,
  ...(before ? { before } : {}),
});

export const createRepliesSlice: StateCreator<AppState, [], [], RepliesSlice> = (set, get) => {
  /** Keeps the answer's refusal with the thread, then re-reads it (the answer and its status). */
  const settleAnswer = async (phone: string, error: ApiError | null) => {
    const open = get().openThread;
    if (open?.phone === phone) set({ openThread: { ...open, answerError: error } });
    await get().refreshThread();
    return error;
  };
  return {
    unreadReplies: 0,
    replyList: emptyList,
    openThread: null,
    replyRules: null,

    async loadUnreadReplies() {
      const r = await api.call('replies.unreadCount', {});
      if (r.ok) set({ unreadReplies: r.value.unread });
    },

    async showReplies(campaignId, search) {
      const generation = get().replyList.generation + 1;
      const list: ReplyListState = { ...emptyList, campaignId, search, loading: true, generation };
      set({ replyList: list });
      const r = await api.call('replies.threads', listInput(list));
      if (get().replyList.generation !== generation) return;
      set({
        replyList: r.ok
          ? {
              ...list,
              items: r.value.rows,
              total: r.value.total,
              next: r.value.next,
              loading: false,
            }
          : { ...list, loading: false, error: r.error },
      });
    },

    async loadMoreReplies() {
      const l = get().replyList;
      if (l.loading || !l.next) return;
      set({ replyList: { ...l, loading: true } });
      const r = await api.call('replies.threads', listInput(l, l.next));
      const now = get().replyList;
      if (now.generation !== l.generation) return;
      set({
        replyList: r.ok
          ? {
              ...now,
              // A thread that moved since the last page is kept where it was first seen.
              items: [
                ...now.items,
                ...r.value.rows.filter((t) => !now.items.some((x) => x.phone === t.phone)),
              ],
              total: r.value.total,
              next: r.value.next,
              loading: false,
            }
          : { ...now, loading: false, error: r.error },
      });
    },

    async refreshReplies() {
      const l = get().replyList;
      if (l.loading) return;
      // The core pages at most 500 at a time: the newest 500 are read again and the deeper pages the
      // user already scrolled to are kept (a thread that moved up appears once, at its new place),
      // so a reply arriving never cuts the list short under the user's eyes.
      const limit = Math.min(500, Math.max(PAGE, l.items.length));
      const r = await api.call('replies.threads', listInput(l, null, limit));
      const now = get().replyList;
      if (!r.ok || now.generation !== l.generation || now.loading) return;
      const fresh = r.value.rows;
      if (now.items.length <= fresh.length || !r.value.next)
        return set({
          replyList: { ...now, items: fresh, total: r.value.total, next: r.value.next },
        });
      const seen = new Set(fresh.map((t) => t.phone));
      const deeper = now.items.slice(limit).filter((t) => !seen.has(t.phone));
      set({ replyList: { ...now, items: [...fresh, ...deeper], total: r.value.total } });
    },

    async openReplyThread(phone) {
      set({ openThread: { phone, thread: null, loading: true, error: null, answerError: null } });
      const r = await api.call('replies.thread', { phone });
      if (get().openThread?.phone !== phone) return;
      set({
        openThread: r.ok
          ? { phone, thread: r.value, loading: false, error: null, answerError: null }
          : { phone, thread: null, loading: false, error: r.error, answerError: null },
      });
      if (r.ok) {
        // Opening marks it read: the badge and the list's marker follow at once.
        set({
          replyList: {
            ...get().replyList,
            items: get().replyList.items.map((t) => (t.phone === phone ? { ...t, unread: 0 } : t)),
          },
        });
        void get().loadUnreadReplies();
      }
    },

    async refreshThread() {
      const open = get().openThread;
      if (!open || open.loading) return;
      const r = await api.call('replies.thread', { phone: open.phone });
      const now = get().openThread;
      if (r.ok && now?.phone === open.phone)
        set({ openThread: { ...now, thread: r.value, error: null } });
    },

    async answerReply(text) {
      const open = get().openThread;
      if (!open) return null;
      const r = await api.call(
        'replies.send',
        { phone: open.phone, kind: 'text', text },
        { shownInPlace: true },
      );
      return settleAnswer(open.phone, r.ok ? null : r.error);
    },

    async answerWithTemplate(templateId, parameters) {
      const open = get().openThread;
      if (!open) return null;
      const r = await api.call(
        'replies.sendTemplate',
        { phone: open.phone, templateId, parameters },
        { shownInPlace: true },
      );
      return settleAnswer(open.phone, r.ok ? null : r.error);
    },

    async answerWithFile(kind, file, caption) {
      const open = get().openThread;
      if (!open) return null;
      const staged = await api.stageFile(file);
      if (!staged.ok) return settleAnswer(open.phone, staged.error);
      const r = await api.call(
        'replies.send',
        { phone: open.phone, kind, text: caption, file: staged.value, fileName: file.name },
        { shownInPlace: true },
      );
      return settleAnswer(open.phone, r.ok ? null : r.error);
    },

    async labelCustomer(label, remove) {
      const open = get().openThread;
      if (!open) return null;
      const r = await api.call(
        'replies.label',
        { phone: open.phone, label, remove },
        { shownInPlace: true },
      );
      if (!r.ok) return r.error;
      const now = get().openThread;
      if (now?.phone === open.phone && now.thread)
        set({ openThread: { ...now, thread: { ...now.thread, labels: r.value.labels } } });
      return null;
    },

    async loadReplyRules(campaignId) {
      const r = await api.call('replies.rules', { campaignId });
      set({
        replyRules: r.ok
          ? { campaignId, rules: r.value, error: null }
          : { campaignId, rules: [], error: r.error },
      });
    },

    async setReplyRule(campaignId, button, label) {
      const r = await api.call(
        'replies.setRule',
        { campaignId, button, label },
        { shownInPlace: true },
      );
      if (!r.ok) return r.error;
      set({ replyRules: { campaignId, rules: r.value, error: null } });
      return null;
    },
  };
};
