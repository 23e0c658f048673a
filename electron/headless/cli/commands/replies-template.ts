import type { ReplyAnswer } from '../../../../shared/api';
import { call, str, UsageError, type Ctx } from '../framework';
import type { Core } from '../../../core/service';
import { human, noun } from '../format';

/** `--param` may be given several times (parseArgs `multiple: true` yields a list). */
function params(ctx: Ctx): string[] {
  const v: unknown = ctx.values.param;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/**
 * `replies send <phone> --template NAME [--language L] [--param VALUE …]`: the template of the
 * account the customer wrote to, its placeholders filled in the order `templates list` shows them.
 */
export async function sendTemplateAnswer(ctx: Ctx, core: Core, name: string): Promise<ReplyAnswer> {
  const phone = ctx.args.phone!;
  const language = str(ctx, 'language');
  const thread = await call(core, 'replies.thread', { phone });
  // No account received the customer's messages: the core refuses with its words below.
  const list = await call(
    core,
    'templates.list',
    thread.accountId === null ? {} : { accountId: thread.accountId },
  );
  const named = list.templates.filter(
    (t) => t.name === name && (language === undefined || t.language === language),
  );
  const template = named[0];
  if (!template)
    throw new UsageError(
      `No template named ${name}${language ? ` in ${language}` : ''}: see campaign-desk templates list.`,
    );
  if (named.length > 1)
    throw new UsageError(
      `${name} exists in ${named.map((t) => t.language).join(', ')}: say which with --language.`,
    );
  const values = params(ctx);
  if (values.length > template.slots.length)
    throw new UsageError(
      `${name} has ${human().countOf(template.slots.length, noun('placeholder'))} (${template.slots.map((s) => s.key).join(', ') || 'none'}) but ${values.length} --param were given.`,
    );
  const parameters: Record<string, string> = {};
  template.slots.forEach((s, i) => {
    const v = values[i];
    if (v !== undefined) parameters[s.key] = v;
  });
  return call(core, 'replies.sendTemplate', { phone, templateId: template.id, parameters });
}
