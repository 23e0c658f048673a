import { resolve } from 'node:path';
import type { Reply, ReplyAnswer, Thread, ThreadItem } from '../../../../shared/api';
import {
  call,
  EXIT,
  flag,
  parseId,
  print,
  str,
  UsageError,
  type Command,
  type Ctx,
} from '../framework';
import { sendTemplateAnswer } from './replies-template';

const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ');

/** What a reply says, in one line: the words, or what kind of file it is. */
export function replyWords(r: Reply): string {
  const file = r.media ? `[${r.type}${r.media.filename ? ` ${r.media.filename}` : ''}]` : '';
  const tap = r.type === 'button' || r.type === 'interactive' ? 'tapped ' : '';
  const words = r.body ? `${tap}"${oneLine(r.body)}"` : '';
  return [file, words].filter(Boolean).join(' ') || `[${r.type}]`;
}

const answered = (r: Reply) =>
  r.campaignName ? `${r.campaignName}${r.variant ? ` (${r.variant})` : ''}` : '—';

const table = (rows: Reply[]): string =>
  [
    '  PHONE             AT (UTC)          CAMPAIGN                  REPLY',
    ...rows.map(
      (r) =>
        `${r.unread ? '* ' : '  '}${(r.phone ?? '').padEnd(18)}${time(r.at).padEnd(18)}${clip(answered(r), 24).padEnd(26)}${clip(replyWords(r), 70)}`,
    ),
  ].join('\n');

const itemLine = (i: ThreadItem): string => {
  if (i.kind === 'reply')
    return `${time(i.at)}  customer  ${replyWords(i.reply)}  → ${answered(i.reply)}`;
  if (i.kind === 'optout') return `${time(i.at)}  opted out: ${i.reason}`;
  const a = i.answer;
  const what =
    a.kind === 'text'
      ? `"${oneLine(a.body ?? '')}"`
      : `[${a.kind}] ${a.mediaFilename ?? a.templateName ?? ''}`;
  return `${time(i.at)}  you       ${what}  (${a.state}${a.errorTitle ? `: ${a.errorTitle}` : ''})`;
};

const windowLine = (t: Thread): string => {
  const w = t.window;
  if (w.closesAt === null) return 'They have not written yet: only a template can be sent.';
  if (!w.open)
    return `The 24-hour window closed at ${time(w.closesAt)} UTC: only a template can be sent.`;
  const h = Math.floor(w.remainingMs / 3600_000);
  const m = Math.floor((w.remainingMs % 3600_000) / 60_000);
  return `You can answer freely for ${h} h ${m} min (until ${time(w.closesAt)} UTC).`;
};

export const replyCommands: Command[] = [
  {
    path: ['replies', 'list'],
    options: {
      campaign: { type: 'string' },
      unread: { type: 'boolean' },
      search: { type: 'string' },
      limit: { type: 'string' },
    },
    usage: 'replies list [--campaign ID] [--unread] [--search S] [--limit N]',
    summary: 'What customers wrote back, newest first, with the campaign and variant they answered',
    async run(ctx) {
      const raw = str(ctx, 'limit');
      if (raw !== undefined && (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 500))
        throw new UsageError(`--limit must be a number from 1 to 500, not "${raw}".`);
      const campaign = str(ctx, 'campaign');
      const page = await call(ctx.core(), 'replies.list', {
        ...(campaign !== undefined ? { campaignId: parseId(campaign, '--campaign') } : {}),
        unread: flag(ctx, 'unread'),
        search: str(ctx, 'search') ?? '',
        limit: raw === undefined ? 50 : Number(raw),
      });
      print(ctx, page, () =>
        page.total === 0
          ? 'No replies yet.'
          : `${table(page.rows)}\n${page.rows.length < page.total ? `${page.rows.length} of ${page.total} shown (--limit N for more); * unread.` : `${page.total} in all; * unread.`}`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['replies', 'show'],
    args: ['phone'],
    usage: 'replies show <phone>',
    summary:
      "A customer's conversation: their replies, your answers, opt-outs, labels, the window left",
    async run(ctx) {
      const t = await call(ctx.core(), 'replies.thread', { phone: ctx.args.phone! });
      print(ctx, t, () =>
        [
          `${t.phone}${t.labels.length ? `  labels: ${t.labels.map((l) => l.label).join(', ')}` : ''}`,
          ...(t.items.length ? t.items.map(itemLine) : ['No messages from this number.']),
          windowLine(t),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['replies', 'label'],
    args: ['phone', 'label'],
    options: { remove: { type: 'boolean' } },
    usage: 'replies label <phone> LABEL [--remove]',
    summary: 'Put a label ("interested", "ordered", …) on a customer, or take it off with --remove',
    async run(ctx) {
      const r = await call(ctx.core(), 'replies.label', {
        phone: ctx.args.phone!,
        label: ctx.args.label!,
        remove: flag(ctx, 'remove'),
      });
      print(ctx, r, () =>
        r.labels.length
          ? `${ctx.args.phone} is labelled: ${r.labels.map((l) => l.label).join(', ')}.`
          : `${ctx.args.phone} has no labels.`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['replies', 'rule'],
    args: ['campaign', 'button'],
    options: { label: { type: 'string' }, remove: { type: 'boolean' } },
    usage: 'replies rule <campaign-id> <button> --label LABEL | --remove',
    summary: 'A tap on this quick-reply button of the campaign labels the customer automatically',
    async run(ctx) {
      const label = str(ctx, 'label');
      if (!label && !flag(ctx, 'remove'))
        throw new UsageError('Say which label the button sets (--label L), or --remove the rule.');
      const rules = await call(ctx.core(), 'replies.setRule', {
        campaignId: parseId(ctx.args.campaign, 'The campaign id'),
        button: ctx.args.button!,
        label: flag(ctx, 'remove') ? null : (label ?? null),
      });
      print(ctx, rules, () =>
        rules.length
          ? rules.map((r) => `"${r.button}" → ${r.label}`).join('\n')
          : 'This campaign has no button rules.',
      );
      return EXIT.OK;
    },
  },
];

const send: Command = {
  path: ['replies', 'send'],
  args: ['phone'],
  options: {
    text: { type: 'string' },
    image: { type: 'string' },
    document: { type: 'string' },
    template: { type: 'string' },
    language: { type: 'string' },
    param: { type: 'string', multiple: true },
  },
  usage:
    'replies send <phone> --text T | --image FILE [--text CAPTION] | --document FILE [--text CAPTION] | --template NAME [--language L] [--param VALUE ...]',
  summary:
    'Answer a customer: text or a file within 24 hours of their last message, an approved template at any time',
  async run(ctx) {
    const template = str(ctx, 'template');
    if (template !== undefined) {
      if (str(ctx, 'text') || str(ctx, 'image') || str(ctx, 'document'))
        throw new UsageError('Send a --template alone: its placeholders take --param values.');
      return done(ctx, await sendTemplateAnswer(ctx, ctx.core({ runSenders: false }), template));
    }
    const image = str(ctx, 'image');
    const document = str(ctx, 'document');
    if (image && document) throw new UsageError('Send an --image or a --document, not both.');
    const text = str(ctx, 'text') ?? '';
    if (!image && !document && text.trim() === '')
      throw new UsageError('Say what to send: --text T, --image FILE or --document FILE.');
    const file = image ?? document;
    const a = await call(ctx.core({ runSenders: false }), 'replies.send', {
      phone: ctx.args.phone!,
      kind: image ? 'image' : document ? 'document' : 'text',
      text,
      ...(file ? { file: { kind: 'path', path: resolve(file) } } : {}),
    });
    return done(ctx, a);
  },
};

function done(ctx: Ctx, a: ReplyAnswer): number {
  print(ctx, a, () =>
    a.state === 'sent'
      ? `Sent to ${a.phone}.`
      : `Not sent to ${a.phone} (${a.state}): ${a.errorTitle ?? ''}`,
  );
  return a.state === 'sent' ? EXIT.OK : EXIT.FAILED;
}
replyCommands.push(send);
