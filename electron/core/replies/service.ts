import { CoreError, type ParsedInput } from '../../../shared/api';
import type { CustomerLabel } from '../../../shared/api/replies';
import { normalizePhone } from '../../../shared/domain/phone';
import type { AccountClients } from '../accounts/clients';
import type { Clock } from '../clock';
import type { Store } from '../db/connection';
import { writeTransaction } from '../db/tx';
import type { EventBus } from '../events';
import { createAnswerSender } from './answers';
import { createLabelStore } from './labels';
import { createMediaFetcher } from './media';
import { createMediaViews } from './media-view';
import { createReplyQueries } from './queries';
import { createThreadReader } from './thread';

export interface ReplyDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  dataDir: string;
}

/** A phone as typed ("+44 7911 123456", "447911123456") to the E.164 the replies are kept under. */
export function phoneOf(raw: string): string {
  const p = normalizePhone(raw.startsWith('+') || raw.startsWith('00') ? raw : `+${raw}`, null);
  if (!p.ok)
    throw new CoreError(
      'VALIDATION',
      `${p.reason} Write the number with its country code, e.g. +44 7911 123456.`,
    );
  return p.e164;
}

/** Replies (issue 19): threads, labels and button rules. Answers are in answers.ts. */
export function createReplyService(deps: ReplyDeps) {
  const { store, clock, events } = deps;
  const db = store.sqlite;
  const queries = createReplyQueries(db);
  const threads = createThreadReader(db);
  const labels = createLabelStore(db);
  const changed = () => events.emit('db.changed', { tables: ['replies'] });
  const answers = createAnswerSender(deps);
  const media = createMediaFetcher(deps);
  const views = createMediaViews({ db, dataDir: deps.dataDir, fetch: media });

  const markRead = writeTransaction(db, (phone: string) => threads.markRead(phone, clock.now()));
  const label = writeTransaction(db, (phone: string, text: string, remove: boolean) => {
    if (remove) labels.unlabel(phone, text);
    else labels.label(phone, text, clock.now());
  });
  const campaignExists = (id: number) => {
    const c = db.prepare('SELECT 1 FROM campaigns WHERE id = ?').get(id);
    if (!c) throw new CoreError('NOT_FOUND', `Campaign ${id} does not exist.`);
  };

  return {
    list: (input: ParsedInput<'replies.list'>) => queries.list(input),
    threads: (input: ParsedInput<'replies.threads'>) => queries.threads(input),
    unreadCount: () => ({ unread: queries.unreadCount() }),
    thread(input: ParsedInput<'replies.thread'>) {
      const phone = phoneOf(input.phone);
      if (markRead(phone) > 0) changed();
      return threads.read(phone, clock.now());
    },
    label(input: ParsedInput<'replies.label'>): { labels: CustomerLabel[] } {
      const phone = phoneOf(input.phone);
      label(phone, input.label, input.remove);
      changed();
      return { labels: threads.read(phone, clock.now()).labels };
    },
    rules(input: ParsedInput<'replies.rules'>) {
      campaignExists(input.campaignId);
      return labels.rules(input.campaignId);
    },
    setRule(input: ParsedInput<'replies.setRule'>) {
      campaignExists(input.campaignId);
      writeTransaction(db, () =>
        labels.setRule(input.campaignId, input.button, input.label, clock.now()),
      )();
      return labels.rules(input.campaignId);
    },
    send: (input: ParsedInput<'replies.send'>) => answers.send(input, phoneOf(input.phone)),
    sendTemplate: (input: ParsedInput<'replies.sendTemplate'>) =>
      answers.sendTemplate(input, phoneOf(input.phone)),
    media,
    views,
    window: (phone: string) => threads.window(phone, clock.now()),
    accountOf: (phone: string) => threads.accountOf(phone),
  };
}

export type ReplyService = ReturnType<typeof createReplyService>;
