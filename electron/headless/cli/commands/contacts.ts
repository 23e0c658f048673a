import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CustomerDetail, CustomerSummary } from '../../../../shared/api';
import {
  call,
  CommandError,
  EXIT,
  flag,
  print,
  str,
  UsageError,
  type Command,
  type Ctx,
} from '../framework';
import { human, noun } from '../format';

/** --segment takes the id `segments list` shows, or the segment's name (case ignored). */
async function segmentIdOf(
  core: ReturnType<Ctx['core']>,
  raw: string | undefined,
): Promise<number | undefined> {
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const wanted = raw.trim().toLowerCase();
  const found = (await call(core, 'segments.list', {})).find(
    (s) => s.name.toLowerCase() === wanted,
  );
  if (!found)
    throw new CommandError(
      `There is no segment named "${raw}". See them with: campaign-desk segments list`,
    );
  return found.id;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export const country = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(raw))
    throw new UsageError(`--country must be a two-letter country code such as GB, not "${raw}".`);
  return raw.toUpperCase();
};

const attrs = (a: Record<string, string>, width = 60): string => {
  const text = Object.entries(a)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
};

const table = (rows: CustomerSummary[]): string =>
  [
    'PHONE             LAST SEEN   OPT-OUT  ATTRIBUTES',
    ...rows.map(
      (r) =>
        `${r.phone.padEnd(18)}${day(r.lastSeenAt).padEnd(12)}${(r.optedOut ? 'yes' : '').padEnd(9)}${attrs(r.attributes)}`,
    ),
  ].join('\n');

export function describe(c: CustomerDetail): string {
  const lines = [
    `${c.phone}${c.country ? ` (${c.country})` : ''}`,
    `  First seen ${day(c.firstSeenAt)}, last seen ${day(c.lastSeenAt)}.`,
    `  Consent: ${c.consent ? `${c.consent.evidence} (${c.consent.source})` : 'none recorded'}.`,
    ...(c.marketingDeclined
      ? [`  Marketing: ${c.marketingDeclined.evidence}; marketing campaigns leave them out.`]
      : []),
    `  Opted out: ${c.optOut ? `yes, ${time(c.optOut.at)} UTC: ${c.optOut.reason}` : 'no'}.`,
    ...(c.labels.length > 0 ? [`  Labels: ${c.labels.join(', ')}`] : []),
    ...(c.userId ? [`  WhatsApp user id: ${c.userId}`] : []),
    '  Attributes:',
    ...Object.entries(c.attributes).map(
      ([k, v]) => `    ${k}: ${v}  (${c.attributeDates[k] ? day(c.attributeDates[k]) : '?'})`,
    ),
    c.timeline.length === 0 ? '  No messages yet.' : '  Messages (newest first):',
    ...c.timeline.map(
      (t) =>
        `    ${t.at ? time(t.at) : 'not sent yet    '}  ${t.campaignName} (#${t.campaignId})  ${t.template ?? '-'}  ${t.state}${t.errorCode ? ` ${t.errorCode} ${t.errorTitle ?? ''}` : ''}`,
    ),
  ];
  return lines.join('\n');
}

export const contactCommands: Command[] = [
  {
    path: ['contacts', 'list'],
    options: { search: { type: 'string' }, limit: { type: 'string' }, segment: { type: 'string' } },
    usage: 'contacts list [--search S] [--segment NAME|ID] [--limit N]',
    summary: 'The customer book: numbers, last seen, opt-out and attributes (searchable)',
    async run(ctx) {
      const raw = str(ctx, 'limit');
      if (raw !== undefined && (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000))
        throw new UsageError(`--limit must be a number from 1 to 100000, not "${raw}".`);
      const wanted = raw === undefined ? 50 : Number(raw);
      const core = ctx.core();
      const segmentId = await segmentIdOf(core, str(ctx, 'segment'));
      const rows: CustomerSummary[] = [];
      let total = 0;
      let afterId = 0;
      // Pages of at most 500 (the method's limit) until --limit rows; bounded by it.
      while (rows.length < wanted) {
        const page = await call(core, 'customers.list', {
          search: str(ctx, 'search') ?? '',
          limit: Math.min(500, wanted - rows.length),
          afterId,
          ...(segmentId === undefined ? {} : { segmentId }),
        });
        rows.push(...page.items);
        total = page.total;
        if (page.nextAfterId === null) break;
        afterId = page.nextAfterId;
      }
      print(ctx, { total, rows }, () =>
        total === 0
          ? 'The customer book is empty (or nothing matches).'
          : `${table(rows)}\n${rows.length < total ? `${rows.length} of ${total} shown (--limit N for more).` : `${total} in all.`}`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['contacts', 'import'],
    args: ['file'],
    options: { 'phone-column': { type: 'string' }, country: { type: 'string' } },
    usage: 'contacts import <file> [--country CC] [--phone-column NAME]',
    summary:
      'Add or update customers in the book from a CSV/TSV/xlsx file (newest values win, nothing is erased)',
    async run(ctx) {
      const path = resolve(ctx.args.file!);
      if (!existsSync(path)) throw new UsageError(`There is no file at ${path}.`);
      const cc = country(str(ctx, 'country'));
      const column = str(ctx, 'phone-column');
      const r = await call(ctx.core(), 'customers.import', {
        file: { kind: 'path', path },
        options: {
          ...(column ? { phoneColumn: column } : {}),
          ...(cc ? { defaultCountry: cc } : {}),
        },
      });
      print(ctx, r, () =>
        [
          ...(r.preset ? [`Looks like a ${r.preset.label}.`] : []),
          `Read ${human().countOf(r.rows, noun('row'))} of "${r.fileName}" (phone column "${r.phoneColumn}"): ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.duplicates} repeated, ${r.invalid + r.missingPhone} without a valid number.`,
          ...r.phoneFallbacks.map(
            (f) =>
              `${human().countOf(f.rows, noun('row'))} had no usable number in "${r.phoneColumn}" and used ${f.column}.`,
          ),
          ...(r.optedOut > 0
            ? [`${r.optedOut} of them are on the suppression list: kept, never messaged.`]
            : []),
          ...(r.declinedMarketing > 0
            ? [
                `${r.declinedMarketing} of them do not accept marketing (the file says so): in the book, left out of marketing campaigns.`,
              ]
            : []),
          ...r.invalidRows.slice(0, 20).map((x) => `  row ${x.row}: "${x.value}" — ${x.reason}`),
          ...(r.countrySuggestion
            ? [
                `${r.countrySuggestion.matches} of ${r.countrySuggestion.total} numbers without +code look like numbers of ${r.countrySuggestion.country} (+${r.countrySuggestion.callingCode}): import again with --country ${r.countrySuggestion.country}.`,
              ]
            : []),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['contacts', 'show'],
    args: ['phone'],
    options: { country: { type: 'string' } },
    usage: 'contacts show <phone> [--country CC]',
    summary: 'One customer: attributes with their dates, consent, opt-out and every message',
    async run(ctx) {
      const cc = country(str(ctx, 'country'));
      const c = await call(ctx.core(), 'customers.show', {
        phone: ctx.args.phone!,
        ...(cc ? { defaultCountry: cc } : {}),
      });
      print(ctx, c, () => describe(c));
      return EXIT.OK;
    },
  },
  {
    path: ['contacts', 'forget'],
    args: ['phone'],
    options: {
      yes: { type: 'boolean' },
      compact: { type: 'boolean' },
      country: { type: 'string' },
    },
    usage: 'contacts forget <phone> --yes [--compact] [--country CC]',
    summary:
      'Erase a number everywhere (book, campaign rows, events, opt-out list) for a data-protection request',
    async run(ctx) {
      if (!flag(ctx, 'yes'))
        throw new UsageError(
          'This erases the number from the book, from every campaign and from the suppression list, and cannot be undone. Run again with --yes to confirm.',
        );
      const cc = country(str(ctx, 'country'));
      const r = await call(ctx.core(), 'customers.forget', {
        phone: ctx.args.phone!,
        compact: flag(ctx, 'compact'),
        ...(cc ? { defaultCountry: cc } : {}),
      });
      print(ctx, r, () =>
        r.forgotten
          ? `Forgotten: ${r.recipientsRedacted} campaign rows kept only as counts, ${r.eventsRemoved} stored events and ${r.suppressionRemoved} opt-out entries removed.${r.compacted ? ' The database file was rewritten.' : ' Add --compact to also rewrite the database file, so no old copy is left in its free space.'}`
          : 'Nothing was stored about that number.',
      );
      return EXIT.OK;
    },
  },
];
