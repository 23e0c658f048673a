import { basename, resolve } from 'node:path';
import type {
  Delimiter,
  Encoding,
  InvalidRow,
  ReadOptions,
  Recipient,
} from '../../../../shared/api';
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
import { human, noun } from '../format';

const ENCODING_ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
};
const DELIMITER_ALIASES: Record<string, Delimiter> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  tab: '\t',
  '\t': '\t',
  '\\t': '\t',
  '|': '|',
  pipe: '|',
};

function readOptionsFrom(ctx: Ctx): ReadOptions {
  const options: ReadOptions = {};
  const encoding = str(ctx, 'encoding');
  if (encoding !== undefined) {
    const e = ENCODING_ALIASES[encoding.toLowerCase()];
    if (!e)
      throw new UsageError(
        `--encoding must be one of utf-8, utf-16le, utf-16be, windows-1252 (not "${encoding}").`,
      );
    options.encoding = e;
  }
  const delimiter = str(ctx, 'delimiter');
  if (delimiter !== undefined) {
    const d = DELIMITER_ALIASES[delimiter.toLowerCase()];
    if (!d) throw new UsageError(`--delimiter must be one of , ; tab | (not "${delimiter}").`);
    options.delimiter = d;
  }
  const country = str(ctx, 'country');
  if (country !== undefined) {
    const cc = country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(cc))
      throw new UsageError(
        `--country must be a two-letter country code such as GB or US (not "${country}").`,
      );
    options.defaultCountry = cc;
  }
  const phoneColumn = str(ctx, 'phone-column');
  if (phoneColumn !== undefined) options.phoneColumn = phoneColumn;
  // "none" turns off the fallback a recognised export would otherwise choose by itself.
  const fallback = str(ctx, 'fallback-phone-column');
  if (fallback !== undefined)
    options.fallbackPhoneColumn = fallback.toLowerCase() === 'none' ? null : fallback;
  if (flag(ctx, 'no-header')) options.hasHeader = false;
  return options;
}

export const audienceCommands: Command[] = [
  {
    path: ['campaigns', 'import'],
    args: ['campaignId', 'file'],
    options: {
      country: { type: 'string' },
      'phone-column': { type: 'string' },
      'fallback-phone-column': { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      'no-header': { type: 'boolean' },
    },
    usage:
      'campaigns import <campaignId> <file> [--country CC] [--phone-column NAME] [--fallback-phone-column NAME|none] [--encoding E] [--delimiter D] [--no-header]',
    summary: 'Add the customers in a CSV/TSV/TXT/XLSX file to a draft',
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const path = resolve(ctx.args.file ?? '');
      const options = readOptionsFrom(ctx);
      const core = ctx.core();
      const off = core.events.on('import.progress', (p) => {
        if (p.campaignId !== campaignId || ctx.json) return;
        ctx.io.stderr(
          `… ${human().countOf(p.rows, noun('row'))}, ${human().bytes(p.bytes)} of ${human().bytes(p.totalBytes)}, ${human().count(p.rowsPerSecond)} rows/s`,
        );
      });
      try {
        const result = await call(core, 'audience.import', {
          campaignId,
          file: { kind: 'path', path },
          fileName: basename(path),
          options,
        });
        let invalidRows: InvalidRow[] = [];
        for (let offset = 0; ; offset += 10_000) {
          const page = await call(core, 'audience.invalidRows', {
            importId: result.importId,
            limit: 10_000,
            offset,
          });
          invalidRows = invalidRows.concat(page.rows);
          if (invalidRows.length >= page.total || page.rows.length === 0) break;
        }
        print(ctx, { ...result, invalidRows }, () =>
          [
            `Imported ${human().count(result.imported)} of ${human().countOf(result.rows, noun('row'))} from ${result.fileName} (${result.encoding ?? 'xlsx'}, phone column "${result.phoneColumn}").`,
            result.phoneFallback
              ? `  ${human().countOf(result.phoneFallback.rows, noun('row'))} without a usable number there used "${result.phoneFallback.column}".`
              : '',
            `  duplicates: ${result.duplicates}, invalid: ${result.invalid}, missing phone: ${result.missingPhone}, suppressed: ${result.suppressed}, non-mobile (kept): ${result.nonMobile}`,
            ...invalidRows
              .slice(0, 20)
              .map((r) => `  row ${r.row}: ${JSON.stringify(r.value)} - ${r.reason}`),
            invalidRows.length > 20
              ? `  … and ${invalidRows.length - 20} more (use --json for all)`
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
        return EXIT.OK;
      } finally {
        off();
      }
    },
  },
  {
    path: ['recipients', 'list'],
    args: ['campaignId'],
    options: { limit: { type: 'string' } },
    usage: 'recipients list <campaignId> [--limit N]',
    summary: "List a campaign's recipients",
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const rawLimit = str(ctx, 'limit');
      const limit = rawLimit === undefined ? 100 : parseId(rawLimit, '--limit');
      const items: Recipient[] = [];
      let afterId = 0;
      while (items.length < limit) {
        const page = await call(ctx.core(), 'recipients.list', {
          campaignId,
          limit: Math.min(1000, limit - items.length),
          afterId,
        });
        items.push(...page.items);
        if (page.nextAfterId === null) break;
        afterId = page.nextAfterId;
      }
      print(ctx, items, () =>
        items.length === 0
          ? 'No recipients yet.'
          : items
              .map(
                (r) =>
                  `${String(r.rowNumber).padEnd(8)}${r.phone.padEnd(17)}${r.state.padEnd(10)}${JSON.stringify(r.fields)}`,
              )
              .join('\n'),
      );
      return EXIT.OK;
    },
  },
];
