import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ChargedCost, Preview, TemplateInfo } from '../../../../shared/api';
import {
  CELL_FIX_TEXT,
  formatMappingExpression,
  MappingExpressionError,
  parseMappingExpression,
  type Mapping,
  type RenderedMessage,
} from '../../../../shared/domain/templates';
import {
  call,
  CommandError,
  EXIT,
  parseId,
  print,
  str,
  UsageError,
  type Command,
  type Ctx,
} from '../framework';
import { human } from '../format';
import { noun } from '../../../../shared/format';
import { leftOutPart } from '../../../../shared/domain/reach';
import { applyFixOptions, FIX_USAGE } from './mapping-fix';
import {
  applyLanguageOption,
  languageChoiceOption,
  LANGUAGE_OPTIONS,
  LANGUAGE_USAGE,
} from './map-language';

/** `--var` may be given several times (parseArgs `multiple: true` yields a list). */
function strings(ctx: Ctx, name: string): string[] {
  const v: unknown = ctx.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

function optionalId(ctx: Ctx, name: string): number | undefined {
  const raw = str(ctx, name);
  return raw === undefined ? undefined : parseId(raw, `--${name}`);
}

function templateLine(t: TemplateInfo): string {
  const vars = t.slots.map((s) => s.key).join(' ') || '-';
  const line = `${String(t.id).padEnd(6)}${t.name.padEnd(32)}${t.language.padEnd(8)}${t.status.padEnd(10)}${t.category.padEnd(15)}${t.source.padEnd(8)}${vars}`;
  return t.unsendable ? `${line}\n      cannot be sent from a campaign: ${t.unsendable}` : line;
}

/** The message as plain text: what the customer reads, with [brackets] for what is not text. */
export function messageText(m: RenderedMessage): string {
  const lines: string[] = [];
  if (m.header?.type === 'text') lines.push(`*${m.headerText ?? ''}*`);
  else if (m.header)
    lines.push(
      `[${m.header.format.toLowerCase()}: ${m.header.missing ? 'not chosen' : (m.header.source ?? '')}]`,
    );
  if (m.offer)
    lines.push(
      `[offer: ${m.offer.text}${m.offer.hasExpiration ? `, ends ${m.offer.expiresAt !== undefined ? new Date(m.offer.expiresAt).toISOString() : 'not set'}` : ''}]`,
    );
  lines.push(m.bodyText);
  if (m.footer !== undefined) lines.push(`_${m.footer}_`);
  m.cards?.forEach((c, i) =>
    lines.push(
      `[card ${i + 1}: ${c.header.format.toLowerCase()} ${c.header.missing ? 'not chosen' : (c.header.source ?? '')}] ${c.body.map((s) => s.text).join('')}${c.buttons.map((b) => ` [${b.text}]${b.url ? ` → ${b.url}` : ''}`).join('')}`,
    ),
  );
  for (const b of m.buttons)
    lines.push(
      `[${b.text}]${b.url ? ` → ${b.url}` : ''}${b.phoneNumber ? ` → ${b.phoneNumber}` : ''}${b.code ? ` (code ${b.code})` : ''}`,
    );
  return lines.join('\n');
}

function previewText(p: Preview): string {
  const out: string[] = [];
  if (p.recipient) {
    out.push(
      `Recipient ${p.position} of ${p.total}: row ${p.recipient.rowNumber}, ${p.recipient.phone}${p.recipient.state === 'skipped' ? ` (skipped: ${p.recipient.skipReason ?? ''})` : ''}`,
    );
  } else out.push('No recipients yet.');
  if (p.notFound) out.push(p.notFound);
  if (p.unavailable) return [...out, p.unavailable].join('\n');
  if (p.message) out.push('', '--- message ---', messageText(p.message));
  if (p.problems.length > 0)
    out.push(
      '',
      '--- problems (this recipient would be skipped) ---',
      ...p.problems.map((x) => `- ${x.message}`),
    );
  if (p.mappingProblems.length > 0)
    out.push('', '--- mapping ---', ...p.mappingProblems.map((x) => `- ${x}`));
  out.push(
    '',
    '--- request body: POST /<PHONE_NUMBER_ID>/messages ---',
    p.requestBody ? JSON.stringify(p.requestBody, null, 2) : '(none yet)',
  );
  out.push(...p.requestNotes.map((n) => `note: ${n}`));
  return out.join('\n');
}

/** Finds a template by name (and language) in the campaign's account, syncing once if it is unknown. */
async function findTemplate(
  ctx: Ctx,
  accountId: number,
  name: string,
  language: string | undefined,
): Promise<TemplateInfo> {
  const core = ctx.core();
  const matches = async () =>
    (await call(core, 'templates.list', { accountId })).templates.filter((t) => t.name === name);
  let found = await matches();
  if (found.length === 0) {
    ctx.io.stderr(`"${name}" is not among the stored templates; syncing the account's templates…`);
    await call(core, 'templates.sync', { accountId });
    found = await matches();
  }
  if (found.length === 0)
    throw new CommandError(
      `There is no template named "${name}" in this account. See: campaign-desk templates list`,
    );
  if (language !== undefined) {
    const t = found.find((x) => x.language === language);
    if (!t)
      throw new CommandError(
        `"${name}" exists in ${found.map((x) => x.language).join(', ')}, not in "${language}".`,
      );
    return t;
  }
  if (found.length > 1)
    throw new UsageError(
      `"${name}" exists in several languages (${found.map((x) => x.language).join(', ')}): add --language CODE.`,
    );
  return found[0]!;
}

/** What WhatsApp's delivery reports say is charged, once a campaign has sent. */
function chargedLines(c: ChargedCost | null | undefined): string[] {
  if (c === undefined) return [];
  if (c === null) return ['Charged: no delivery report with pricing yet.'];
  const free = c.free.customerService + c.free.entryPoint + c.free.other;
  return [
    `Charged according to WhatsApp's reports: ${human().count(c.billable)} billable (about ${human().money(c.cost)} at the card above), ${human().count(free)} free (customer-service window ${c.free.customerService}, free entry point ${c.free.entryPoint}, other ${c.free.other}); ${human().count(c.unreported)} delivered without a pricing report yet; ${human().count(c.awaitingDelivery)} billable once delivered. The estimate for the ${human().count(c.delivered)} delivered: ${human().money(c.estimatedForDelivered)}.`,
    ...c.byCategory.map(
      (b) =>
        `  ${b.category.padEnd(28)}${String(b.messages).padStart(9)}  ${human().money(b.cost)}`,
    ),
  ];
}

export const templateCommands: Command[] = [
  {
    path: ['templates', 'sync'],
    options: { account: { type: 'string' } },
    usage: 'templates sync [--account ID]',
    summary: "Fetch the account's message templates (all pages)",
    async run(ctx) {
      const accountId = optionalId(ctx, 'account');
      const r = await call(
        ctx.core(),
        'templates.sync',
        accountId === undefined ? {} : { accountId },
      );
      print(ctx, r, () =>
        [
          `Synced ${human().countOf(r.added + r.updated + r.unchanged, noun('template'))} in ${human().countOf(r.pages, noun('page'))}: ${r.added} new, ${r.updated} changed, ${r.unchanged} unchanged, ${r.removed} removed.`,
          ...r.invalid.map((i) => `  could not read "${i.name ?? '?'}": ${i.errors.join(' ')}`),
          r.complete ? '' : '  The listing stopped at its page limit; nothing was removed.',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['templates', 'list'],
    options: { account: { type: 'string' } },
    usage: 'templates list [--account ID]',
    summary: 'List stored templates with status and variables',
    async run(ctx) {
      const accountId = optionalId(ctx, 'account');
      const list = await call(
        ctx.core(),
        'templates.list',
        accountId === undefined ? {} : { accountId },
      );
      print(ctx, list, () =>
        list.templates.length === 0
          ? 'No templates yet. Fetch them with: campaign-desk templates sync'
          : [
              `ID    ${'NAME'.padEnd(32)}LANG    STATUS    CATEGORY       SOURCE  VARIABLES`,
              ...list.templates.map(templateLine),
              list.syncedAt
                ? `Last synced ${new Date(list.syncedAt).toISOString()}.`
                : 'Never synced.',
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['templates', 'add'],
    args: ['file'],
    options: { account: { type: 'string' } },
    usage: 'templates add <file.json> [--account ID]',
    summary: "Add templates from Meta's template JSON (one, a list, or a {data:[…]} page)",
    async run(ctx) {
      const path = resolve(ctx.args.file ?? '');
      let json: string;
      try {
        json = await readFile(path, 'utf8');
      } catch {
        throw new CommandError(`Cannot read ${path}.`);
      }
      const accountId = optionalId(ctx, 'account');
      const r = await call(ctx.core(), 'templates.add', {
        json,
        ...(accountId === undefined ? {} : { accountId }),
      });
      print(ctx, r, () =>
        [
          `Added ${human().countOf(r.added.length, noun('template'))}${r.replaced ? ` (${r.replaced} replaced)` : ''}:`,
          ...r.added.map(templateLine),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'map'],
    args: ['campaignId'],
    options: {
      template: { type: 'string' },
      language: { type: 'string' },
      var: { type: 'string', multiple: true },
      fix: { type: 'string', multiple: true },
      ...LANGUAGE_OPTIONS,
    },
    usage: `campaigns map <campaignId> [--template NAME [--language CODE]] [--var body.1=@{first_name} --var 'body.2=@{order|your order}' …] [${FIX_USAGE} …] ${LANGUAGE_USAGE}`,
    summary:
      'Choose the template and fill its placeholders (@{column}, @{column|fallback}, or fixed text)',
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const core = ctx.core();
      const name = str(ctx, 'template');
      const language = str(ctx, 'language');
      if (name === undefined && language !== undefined)
        throw new UsageError('--language goes with --template NAME.');
      let setup = await call(core, 'campaigns.message', { campaignId });
      if (name !== undefined) {
        const t = await findTemplate(ctx, setup.accountId, name, language);
        setup = await call(core, 'campaigns.setTemplate', { campaignId, templateId: t.id });
      }
      const t = setup.template;
      if (!t)
        throw new CommandError(
          setup.templateWarning ?? 'Choose a template first: --template NAME --language CODE.',
        );
      const vars = strings(ctx, 'var');
      const fixes = strings(ctx, 'fix');
      if (vars.length > 0 || fixes.length > 0) {
        let mapping: Mapping = { ...setup.mapping };
        for (const v of vars) {
          const eq = v.indexOf('=');
          const key = eq < 0 ? v : v.slice(0, eq);
          const slot = t.slots.find((s) => s.key === key);
          if (eq < 0 || !slot) {
            throw new UsageError(
              `--var ${v}: write SLOT=VALUE with one of ${t.slots.map((s) => s.key).join(', ') || '(this template has none)'}.`,
            );
          }
          try {
            const src = parseMappingExpression(v.slice(eq + 1), slot.kind);
            // A file path is kept absolute: the sender reads it later, from wherever it runs.
            mapping[key] =
              src.kind === 'media' && src.media.type === 'file'
                ? { kind: 'media', media: { type: 'file', path: resolve(src.media.path) } }
                : src;
          } catch (e) {
            if (e instanceof MappingExpressionError)
              throw new UsageError(`--var ${v}: ${e.message}`);
            throw e;
          }
        }
        // After --var, so one command can map a column and fix its values.
        mapping = applyFixOptions(mapping, t.slots, fixes);
        setup = await call(core, 'campaigns.setMapping', { campaignId, mapping });
      }
      const final = setup;
      const choice = languageChoiceOption(ctx, t.language);
      const languageLines = choice ? await applyLanguageOption(ctx, campaignId, choice) : [];
      print(ctx, final, () =>
        [
          `Campaign ${campaignId} uses "${t.name}" (${t.language}, ${t.status.toLowerCase()}).`,
          ...t.slots.map((s) => {
            const src = final.mapping[s.key];
            const fix =
              src?.kind === 'column' && src.fix ? `  (${CELL_FIX_TEXT[src.fix].done})` : '';
            return `  ${s.key.padEnd(20)}${src ? formatMappingExpression(src) : '(not set)'}${fix}`;
          }),
          ...(final.templateWarning ? [`warning: ${final.templateWarning}`] : []),
          ...final.mappingProblems.map((p) => `problem: ${p}`),
          ...languageLines,
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'preview'],
    args: ['campaignId'],
    options: { row: { type: 'string' }, position: { type: 'string' }, search: { type: 'string' } },
    usage: 'campaigns preview <campaignId> [--row N | --position N | --search TEXT]',
    summary: "One recipient's message and the exact request body sent to Meta",
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const row = optionalId(ctx, 'row');
      const position = optionalId(ctx, 'position');
      const search = str(ctx, 'search');
      const p = await call(ctx.core(), 'campaigns.preview', {
        campaignId,
        ...(row !== undefined ? { row } : {}),
        ...(position !== undefined ? { position } : {}),
        ...(search !== undefined ? { search } : {}),
      });
      print(ctx, { ...p, text: p.message ? messageText(p.message) : null }, () => previewText(p));
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'validate'],
    args: ['campaignId'],
    usage: 'campaigns validate <campaignId>',
    summary: 'Check every recipient before sending; counts by reason with example rows',
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const v = await call(ctx.core(), 'campaigns.validate', { campaignId });
      const countsByReason = Object.fromEntries(v.reasons.map((r) => [r.code, r.count]));
      print(ctx, { ...v, countsByReason }, () =>
        v.unavailable
          ? v.unavailable
          : [
              `Checked ${human().countOf(v.checked, noun('recipient'))}: ${human().count(v.valid)} can be sent, ${human().count(v.invalid)} would be skipped${v.alreadySkipped ? ` (and ${human().count(v.alreadySkipped)} already skipped, e.g. opted out)` : ''}.`,
              ...v.reasons.map((r) => {
                const example = r.examples[0];
                const hint =
                  r.action === 'fix_mapping'
                    ? ' → fix the mapping'
                    : r.action === 'choose_template'
                      ? ' → choose an approved template'
                      : '';
                return `  ${r.label}: ${human().count(r.count)}${r.slots.length ? ` (${r.slots.join(', ')})` : ''}${hint}${example ? `\n    e.g. row ${example.rowNumber} (${example.phone}): ${example.message}` : ''}`;
              }),
              ...v.mappingProblems.map((p) => `mapping: ${p}`),
              `${human().count(v.willReceive)} will receive this message.`,
              ...v.leftOut.map((l) => `  left out: ${leftOutPart(l)}${l.fix ? ` → ${l.fix}` : ''}`),
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['campaigns', 'estimate'],
    args: ['campaignId'],
    usage: 'campaigns estimate <campaignId>',
    summary: 'Estimated cost by country, from the dated rate card',
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const e = await call(ctx.core(), 'campaigns.estimate', { campaignId });
      print(ctx, e, () =>
        e.unavailable
          ? e.unavailable
          : [
              `About ${human().money(e.total, e.currency)} for ${human().countOf(e.messages, noun(`${e.category.toLowerCase()} message`))} (${human().countOf(e.excluded, noun('recipient'))} left out).`,
              ...e.countries.map(
                (c) =>
                  `  ${(c.country ?? '??').padEnd(4)}${c.marketName.padEnd(24)}${String(c.messages).padStart(9)} × ${human().unitPrice(c.unitPrice, e.currency)} = ${human().money(c.cost, e.currency)}`,
              ),
              ...(e.volume ?? []).map(
                (v) =>
                  `  ${v.marketName}: priced on Meta's volume tiers, ${human().countOf(v.already, noun(`${e.category.toLowerCase()} message`))} charged this month before these.`,
              ),
              e.note,
              ...e.caveats.map((c) => `  ! ${c}`),
              ...chargedLines(e.charged),
            ].join('\n'),
      );
      return EXIT.OK;
    },
  },
];
