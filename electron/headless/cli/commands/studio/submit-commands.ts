import { dirname, resolve } from 'node:path';
import type { StudioTemplate } from '../../../../../shared/api';
import { call, EXIT, parseId, print, str, type Command, type Ctx } from '../../framework';
import { findingsText, readTemplateFile } from './check-command';
import { human, noun } from '../../format';

function account(ctx: Ctx): { accountId?: number } {
  const raw = str(ctx, 'account');
  return raw === undefined ? {} : { accountId: parseId(raw, '--account') };
}

/** One template's review in words: status, why it was rejected and the fix, a category Meta changed. */
export function studioText(t: StudioTemplate): string {
  const lines = [
    `${t.name} (${t.language}): ${t.status}${t.metaId ? ` — WhatsApp id ${t.metaId}` : ''}, ${t.category.toLowerCase()}`,
  ];
  if (t.status === 'DRAFT') lines.push('  Saved here, not submitted. Submit with --submit.');
  if (t.status === 'PENDING') lines.push('  In review at WhatsApp; check again in a few minutes.');
  if (t.rejection) lines.push(`  Rejected: ${t.rejection.reason}`, `  Fix: ${t.rejection.fix}`);
  if (t.categoryChange) lines.push(`  ${t.categoryChange}`);
  if (t.status === 'APPROVED') lines.push('  Approved: sync templates, then use it in a campaign.');
  return lines.join('\n');
}

const createCommand: Command = {
  path: ['templates', 'create'],
  args: ['file'],
  options: {
    account: { type: 'string' },
    submit: { type: 'boolean' },
    force: { type: 'boolean' },
  },
  usage: 'templates create <file.json> [--submit] [--force] [--account ID] [--json]',
  summary:
    'Save a template written as JSON (checked first; refused with the findings unless --force) and, with --submit, send it for review',
  async run(ctx) {
    const file = ctx.args.file ?? '';
    const json = await readTemplateFile(file);
    const t = await call(ctx.core(), 'templates.create', {
      ...account(ctx),
      json,
      submit: ctx.values.submit === true,
      force: ctx.values.force === true,
      baseDir: dirname(resolve(file)),
    });
    print(ctx, t, () =>
      [studioText(t), t.check.findings.length > 0 ? `\n${findingsText(t.check)}` : ''].join(''),
    );
    return EXIT.OK;
  },
};

const statusCommand: Command = {
  path: ['templates', 'status'],
  args: ['name'],
  options: { account: { type: 'string' }, language: { type: 'string' } },
  usage: 'templates status <name> [--language L] [--account ID] [--json]',
  summary:
    "Ask WhatsApp for a submitted template's review: approved, rejected (why, and the fix), re-categorised",
  async run(ctx) {
    const language = str(ctx, 'language');
    const list = await call(ctx.core(), 'templates.status', {
      ...account(ctx),
      name: ctx.args.name ?? '',
      ...(language ? { language } : {}),
    });
    print(ctx, list, () => list.map(studioText).join('\n'));
    return EXIT.OK;
  },
};

const deleteCommand: Command = {
  path: ['templates', 'delete'],
  args: ['name'],
  options: { account: { type: 'string' }, language: { type: 'string' } },
  usage: 'templates delete <name> [--language L] [--account ID] [--json]',
  summary: 'Delete a studio template here and at WhatsApp (every language unless --language)',
  async run(ctx) {
    const language = str(ctx, 'language');
    const r = await call(ctx.core(), 'templates.remove', {
      ...account(ctx),
      name: ctx.args.name ?? '',
      ...(language ? { language } : {}),
    });
    print(
      ctx,
      r,
      () =>
        `Deleted ${human().countOf(r.deleted, noun('template'))}${r.deletedAtMeta ? ' here and at WhatsApp' : ' (never submitted, so only here)'}.`,
    );
    return EXIT.OK;
  },
};

export const submitCommands: Command[] = [createCommand, statusCommand, deleteCommand];
