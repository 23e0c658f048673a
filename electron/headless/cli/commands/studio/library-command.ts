import type { LibraryTemplate } from '../../../../../shared/domain/studio';
import { call, EXIT, parseId, print, str, type Command } from '../../framework';

/** One library entry as a few lines: name, topic and use case, its text, its buttons. */
function entryText(t: LibraryTemplate): string {
  const buttons = (t.buttons ?? []).map((b) => `[${b.text}]`).join(' ');
  return [
    `${t.name} (${t.language}) — ${t.topic.toLowerCase()} / ${t.usecase.toLowerCase()}, ${t.industry.join(', ').toLowerCase()}`,
    ...(t.header ? [`  ${t.header}`] : []),
    `  ${t.body}`,
    ...(buttons ? [`  ${buttons}`] : []),
  ].join('\n');
}

export const libraryCommand: Command = {
  path: ['templates', 'library'],
  options: {
    account: { type: 'string' },
    search: { type: 'string' },
    language: { type: 'string' },
  },
  usage: 'templates library [--search S] [--language L] [--account ID] [--json]',
  summary:
    "Browse WhatsApp's template library: ready-made utility templates, already categorised (create one in the studio)",
  async run(ctx) {
    const account = str(ctx, 'account');
    const search = str(ctx, 'search');
    const language = str(ctx, 'language');
    const list = await call(ctx.core(), 'templates.library', {
      ...(account !== undefined && { accountId: parseId(account, '--account') }),
      ...(search !== undefined && { search }),
      ...(language !== undefined && { language }),
    });
    print(ctx, list, () =>
      list.length === 0
        ? `No library template matches${search ? ` "${search}"` : ''}.`
        : list.map(entryText).join('\n\n'),
    );
    return EXIT.OK;
  },
};
