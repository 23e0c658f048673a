import { basename } from 'node:path';
import { CoreError, type ParsedInput } from '../../../shared/api';
import type { ReplyAnswer } from '../../../shared/api/replies';
import type { AccountClients } from '../accounts/clients';
import type { CloudApiSessionMessage, SendOutcome } from '../cloud-api';
import type { Clock } from '../clock';
import { resolveFileRef } from '../contacts/uploads';
import type { Store } from '../db/connection';
import { writeTransaction } from '../db/tx';
import type { EventBus } from '../events';
import { createAnswerStore, type AnswerResult, type NewAnswer } from './answer-store';
import { fileHead, MB, sniffMime } from './media-type';
import { composeTemplateAnswer } from './template-answer';
import { createThreadReader } from './thread';

const time = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Meta's limits for what an answer may carry (cloud-api.md §7, verified). */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export interface AnswerDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  clients: AccountClients;
  dataDir: string;
}

const resultOf = (o: SendOutcome): AnswerResult => {
  if (o.ok) return { kind: 'sent', wamid: o.wamid };
  const title = `${o.failure.entry.title}${o.details ? `: ${o.details}` : ''}`;
  // No idempotency key: a send that may have reached Meta is never repeated by itself.
  return o.failure.ambiguous
    ? {
        kind: 'unknown',
        code: o.code,
        title: `${title} It may or may not have reached the customer.`,
      }
    : { kind: 'failed', code: o.code, title };
};

/**
 * Answers to customers within the 24-hour window (issue 19 item 2), with the sender's crash
 * safety (sender/README.md): recorded `sending` and committed before the request, written after
 * from the answer, and `unknown` after a crash. One answer at a time per account: they are typed by
 * a person, so the rate that matters is Meta's pair rate, which the outcome reports (131056).
 */
export function createAnswerSender(deps: AnswerDeps) {
  const { store, clock, events, clients } = deps;
  const db = store.sqlite;
  const answers = createAnswerStore(db);
  const threads = createThreadReader(db);
  const record = writeTransaction(db, (a: NewAnswer) => answers.record(a, clock.now()));
  const finish = writeTransaction(db, (id: number, r: AnswerResult) =>
    answers.finish(id, r, clock.now()),
  );
  const abandoned = writeTransaction(db, () => answers.recoverAbandoned())();
  if (abandoned > 0) events.emit('db.changed', { tables: ['replies'] });
  const queues = new Map<number, Promise<unknown>>();

  const inWindow = (phone: string): number => {
    const w = threads.window(phone, clock.now());
    if (w.closesAt === null)
      throw new CoreError(
        'CONFLICT',
        `${phone} has not written to you, so WhatsApp only allows a template message to them.`,
      );
    if (!w.open)
      throw new CoreError(
        'CONFLICT',
        `The 24-hour window to answer ${phone} closed at ${time(w.closesAt)}: WhatsApp now only allows a template message.`,
        { closedAt: w.closesAt },
      );
    const accountId = threads.accountOf(phone);
    if (accountId === null)
      throw new CoreError('NOT_FOUND', `No account received the messages of ${phone}.`);
    return accountId;
  };

  /** The file to attach, checked by its bytes; refuses what WhatsApp would refuse. */
  const attachment = async (input: ParsedInput<'replies.send'>) => {
    if (!input.file) throw new CoreError('VALIDATION', `Choose the ${input.kind} to send.`);
    const path = resolveFileRef(deps.dataDir, input.file);
    const name = input.fileName || basename(path);
    const { head, size } = await fileHead(path).catch(() => {
      throw new CoreError('NOT_FOUND', `The file ${name} cannot be read.`);
    });
    const mime = sniffMime(head, name);
    const image = input.kind === 'image';
    if (!mime || !(image ? IMAGE_TYPES : DOCUMENT_TYPES).has(mime))
      throw new CoreError(
        'VALIDATION',
        image
          ? `${name} is not a JPEG or PNG picture (WhatsApp sends only those as images).`
          : `${name} is not a PDF, Word, Excel or PowerPoint file.`,
      );
    const max = image ? 5 * MB : 100 * MB;
    if (size === 0 || size > max)
      throw new CoreError(
        'VALIDATION',
        `${name} is ${size === 0 ? 'empty' : `${(size / MB).toFixed(1)} MB`}; WhatsApp takes ${image ? 'pictures' : 'documents'} up to ${max / MB} MB.`,
      );
    return { path, name, mime };
  };

  const send = async (input: ParsedInput<'replies.send'>, phone: string): Promise<ReplyAnswer> => {
    const accountId = inWindow(phone);
    if (input.kind === 'text' && input.text === '')
      throw new CoreError('VALIDATION', 'Type the answer.');
    const file = input.kind === 'text' ? null : await attachment(input);
    const client = await clients.clientFor(accountId);
    const id = record({
      phone,
      accountId,
      kind: input.kind,
      body: input.text || null,
      mediaPath: file?.path ?? null,
      mediaFilename: file?.name ?? null,
    });
    events.emit('db.changed', { tables: ['replies'] });
    let result: AnswerResult;
    if (file) {
      const up = await client.uploadMedia({
        path: file.path,
        mimeType: file.mime,
        fileName: file.name,
      });
      // Nothing reached the customer yet: a failed upload fails the answer, never ambiguously.
      result = up.ok
        ? resultOf(await client.sendSession(sessionBody(phone, input, up.id, file.name)))
        : {
            kind: 'failed',
            code: up.code,
            title: `The file could not be uploaded: ${up.failure.entry.title}`,
          };
    } else {
      result = resultOf(await client.sendSession(sessionBody(phone, input, null, null)));
    }
    finish(id, result);
    events.emit('db.changed', { tables: ['replies'] });
    return answers.get(id);
  };

  /** A template, allowed whatever the window; recorded before the request like any answer. */
  const sendTemplate = async (
    input: ParsedInput<'replies.sendTemplate'>,
    phone: string,
  ): Promise<ReplyAnswer> => {
    const t = composeTemplateAnswer(store, input, phone, threads.accountOf(phone));
    const client = await clients.clientFor(t.accountId);
    const id = record({
      phone,
      accountId: t.accountId,
      kind: 'template',
      body: t.bodyText,
      mediaPath: null,
      mediaFilename: null,
      templateName: t.templateName,
      templateLanguage: t.templateLanguage,
    });
    events.emit('db.changed', { tables: ['replies'] });
    finish(id, resultOf(await client.sendTemplate(t.body)));
    events.emit('db.changed', { tables: ['replies'] });
    return answers.get(id);
  };

  /** One answer at a time per account, whatever its kind. */
  const queued = (phone: string, run: () => Promise<ReplyAnswer>): Promise<ReplyAnswer> => {
    const accountId = threads.accountOf(phone) ?? 0;
    const before = queues.get(accountId) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(run);
    queues.set(accountId, next);
    void next
      .finally(() => {
        if (queues.get(accountId) === next) queues.delete(accountId);
      })
      .catch(() => undefined);
    return next;
  };

  return {
    send: (input: ParsedInput<'replies.send'>, phone: string): Promise<ReplyAnswer> =>
      queued(phone, () => send(input, phone)),
    sendTemplate: (
      input: ParsedInput<'replies.sendTemplate'>,
      phone: string,
    ): Promise<ReplyAnswer> => queued(phone, () => sendTemplate(input, phone)),
  };
}

function sessionBody(
  phone: string,
  input: ParsedInput<'replies.send'>,
  mediaId: string | null,
  fileName: string | null,
): CloudApiSessionMessage {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: phone } as const;
  const caption = input.text ? { caption: input.text } : {};
  if (input.kind === 'image')
    return { ...base, type: 'image', image: { id: mediaId!, ...caption } };
  if (input.kind === 'document')
    return {
      ...base,
      type: 'document',
      document: { id: mediaId!, ...caption, ...(fileName ? { filename: fileName } : {}) },
    };
  return { ...base, type: 'text', text: { body: input.text } };
}
