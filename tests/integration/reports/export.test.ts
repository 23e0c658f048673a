import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError, REPORT_STATUS_COLUMNS } from '../../../shared/api';
import { escapeFormula } from '../../../electron/core/csv/formula-escape';
import { e164, expectedRow, headerFor, ORIGINAL } from './expected';
import { finishedCampaign, OUTCOMES, PEOPLE, value, type ReportHarness } from './helpers';

const ZONE = 'America/New_York';

function readCsv(path: string): { bom: boolean; rows: string[][] } {
  const text = readFileSync(path, 'utf8');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { bom: text.startsWith('\uFEFF'), rows: parsed.data };
}

async function readXlsx(path: string): Promise<{ names: string[]; sheets: string[][][] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheets = book.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const v = row.getCell(c).value;
        cells.push(
          v === null || v === undefined
            ? ''
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v),
        );
      }
      rows.push(cells);
    });
    return rows;
  });
  return { names: book.worksheets.map((w) => w.name), sheets };
}

const pad = (rows: string[][], width: number) =>
  rows.map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]);

describe('delivery report files', () => {
  let h: ReportHarness;
  let ids: number[];
  const out = (name: string) => join(h.dir, name);
  beforeAll(async () => {
    h = await finishedCampaign({ name: '=Spring sale' });
    ids = (
      h.core.store.sqlite
        .prepare('SELECT id FROM recipients WHERE campaign_id = ? ORDER BY row_number')
        .all(h.campaignId) as { id: number }[]
    ).map((r) => r.id);
  });
  afterAll(() => h.close());

  it('CSV: UTF-8 with BOM, every column in the user zone, formulas escaped, read back by papaparse', async () => {
    const result = await h.core.reports.exportToFile(
      { campaignId: h.campaignId, format: 'csv', filter: 'all', timeZone: ZONE },
      out('all.csv'),
    );
    expect(result).toMatchObject({
      rows: PEOPLE.length,
      format: 'csv',
      timeZone: ZONE,
      fileName: 'all.csv',
    });
    const { bom, rows } = readCsv(out('all.csv'));
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(headerFor(ZONE).map(escapeFormula));
    expect(rows.slice(1)).toEqual(
      PEOPLE.map((_, i) => expectedRow(i, ZONE, ids[i]!).map(escapeFormula)),
    );
    // Spot checks that do not go through the expected-row helper.
    expect(rows[1]![2]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[2]![2]).toBe('line one\nline two, with comma');
    expect(rows[1]![7]).toBe('2026-11-23 08:00:00');
    expect(rows[3]![0]).toBe("'@Carla");
    expect(rows[4]![2]).toBe("'\tTabbed");
    // E.164 is a number to a spreadsheet, not a formula: no visible apostrophe (issue 15 item 11).
    expect(rows[1]![4]).toBe('+12025550101');
    // Nothing a spreadsheet would run: no =, @, tab or CR first; a sign only before a plain number.
    const runnable = (c: string) =>
      /^[=@\t\r]/.test(c) || (/^[+-]/.test(c) && !/^[+-]\d+(\.\d+)?$/.test(c));
    expect(rows.flat().filter(runnable)).toEqual([]);
  });

  it('xlsx: the same cells as the CSV, and a summary sheet', async () => {
    await h.core.reports.exportToFile(
      { campaignId: h.campaignId, format: 'csv', filter: 'all', timeZone: ZONE },
      out('same.csv'),
    );
    await h.core.reports.exportToFile(
      { campaignId: h.campaignId, format: 'xlsx', filter: 'all', timeZone: ZONE },
      out('all.xlsx'),
    );
    const { names, sheets } = await readXlsx(out('all.xlsx'));
    expect(names).toEqual(['Recipients', 'Summary']);
    const csv = readCsv(out('same.csv')).rows;
    // The same cells, unescaped: text cells never run, so "=HYPERLINK(…)" is shown as written
    // (a formula cell would read back as an object) and phones have no apostrophe.
    const recipients = pad(sheets[0]!, csv[0]!.length);
    expect(recipients.map((r) => r.map(escapeFormula))).toEqual(csv);
    expect(recipients[1]![2]).toBe('=HYPERLINK("http://evil","x")');
    expect(recipients[1]![4]).toBe('+12025550101');

    const summary = sheets[1]!;
    const find = (label: string) => summary.find((r) => r[0] === label);
    expect(find('Name')?.[1]).toBe('=Spring sale');
    expect(find('Template')?.[1]).toBe('spring_offer');
    expect(find('Category')?.[1]).toBe('MARKETING');
    expect(find('Time zone of all times')?.[1]).toBe(ZONE);
    expect(find('Rows')?.[1]).toBe(String(PEOPLE.length));
    expect(find(`Started (${ZONE})`)?.[1]).toBe('2026-11-23 08:00:00');
    expect(find('read')?.slice(1, 3)).toEqual(['2', '22.2%']);
    expect(find('failed')?.slice(1, 3)).toEqual(['3', '33.3%']);
    expect(find('total')?.[1]).toBe('9');
    // 3 delivered or read of 8 that left (the skipped one never did); 2 read of 3 delivered.
    expect(find('Delivered (read included)')?.slice(1)).toEqual(['37.5%', '3 of 8 messages sent']);
    expect(find('Read')?.slice(1)).toEqual(['66.7%', '2 of 3 delivered']);
    const failures = summary
      .slice(summary.findIndex((r) => r[0] === 'Failures by reason') + 1)
      .filter((r, i, all) => i < all.findIndex((x) => x.length === 0 || x.every((c) => c === '')));
    expect(failures.map((r) => r[2]).sort()).toEqual(['131026', '131049', '131050']);
    const costStart = summary.findIndex((r) => r[0] === 'Estimated cost by country (USD)');
    const us = summary.slice(costStart).find((r) => r[0] === 'US');
    const gb = summary.slice(costStart).find((r) => r[0] === 'GB');
    expect(us?.[1]).toBe('2');
    expect(gb?.[1]).toBe('1');
    const csvPrices = csv.slice(1).map((r) => Number(r.at(-1)));
    const total = summary.slice(costStart).find((r) => r[0] === 'total');
    expect(Number(total?.[3])).toBeCloseTo(
      csvPrices.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('filters by outcome and keeps only the chosen columns, in file order', async () => {
    const expectStates = async (
      filter: 'delivered' | 'read' | 'failed' | 'not-delivered',
      states: string[],
    ) => {
      await h.core.reports.exportToFile(
        {
          campaignId: h.campaignId,
          format: 'csv',
          filter,
          timeZone: ZONE,
          columns: ['state', 'col:name'],
        },
        out(`${filter}.csv`),
      );
      const { rows } = readCsv(out(`${filter}.csv`));
      expect(rows[0]).toEqual(['name', 'State']);
      expect(rows.slice(1).map((r) => r[1])).toEqual(
        OUTCOMES.map((o) => o.state).filter((s) => states.includes(s)),
      );
    };
    await expectStates('delivered', ['delivered', 'read']);
    await expectStates('read', ['read']);
    await expectStates('failed', ['failed']);
    await expectStates('not-delivered', ['failed', 'skipped', 'unknown', 'expired']);

    const options = value(await h.call('reports.options', { campaignId: h.campaignId }));
    expect(options.columns.map((c) => c.id)).toEqual([
      ...ORIGINAL.map((c) => `col:${c}`),
      ...REPORT_STATUS_COLUMNS,
    ]);
    expect(options.counts).toEqual({
      all: 9,
      delivered: 3,
      read: 2,
      failed: 3,
      'not-delivered': 6,
    });
    expect(options.exportable).toBe(true);
  });

  it('gives every bad request its own code and message, and leaves no file behind', async () => {
    const attempt = async (
      input: Parameters<typeof h.core.reports.exportToFile>[0],
      path = out('bad.csv'),
    ) => {
      try {
        await h.core.reports.exportToFile(input, path);
      } catch (e) {
        if (!(e instanceof CoreError)) throw e;
        return {
          code: e.code,
          reason: (e.details as { reason: string }).reason,
          message: e.message,
        };
      }
      throw new Error('expected a failure');
    };
    expect(await attempt({ campaignId: 999, format: 'csv', filter: 'all' })).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'no-campaign',
    });
    expect(
      await attempt({
        campaignId: h.campaignId,
        format: 'csv',
        filter: 'all',
        columns: ['col:nope'],
      }),
    ).toMatchObject({
      code: 'VALIDATION',
      reason: 'bad-column',
      message: expect.stringContaining('col:nope'),
    });
    expect(
      await attempt(
        { campaignId: h.campaignId, format: 'csv', filter: 'all' },
        join(h.dir, 'missing-folder', 'x.csv'),
      ),
    ).toMatchObject({ code: 'UNAVAILABLE', reason: 'unwritable' });
    expect(
      await attempt({ campaignId: h.campaignId, format: 'csv', filter: 'all' }, h.dir),
    ).toMatchObject({ code: 'UNAVAILABLE', reason: 'unwritable' });
    h.core.store.sqlite
      .prepare("UPDATE recipients SET state = 'failed' WHERE campaign_id = ? AND state = 'read'")
      .run(h.campaignId);
    expect(
      await attempt({ campaignId: h.campaignId, format: 'xlsx', filter: 'read' }),
    ).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'empty',
      message: expect.stringContaining('nothing to export'),
    });
    h.core.store.sqlite
      .prepare("UPDATE recipients SET state = 'read' WHERE campaign_id = ? AND read_at IS NOT NULL")
      .run(h.campaignId);

    const draft = value(await h.call('campaigns.create', { name: 'Not sent' }));
    expect(await attempt({ campaignId: draft.id, format: 'csv', filter: 'all' })).toMatchObject({
      code: 'CONFLICT',
      reason: 'draft',
    });
    expect(value(await h.call('reports.options', { campaignId: draft.id })).exportable).toBe(false);

    const viaApi = await h.call('reports.export', {
      campaignId: h.campaignId,
      format: 'csv',
      timeZone: 'Mars/Olympus',
    });
    expect(viaApi).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(existsSync(out('bad.csv'))).toBe(false);
    expect(readdirSync(h.dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('the failed recipients re-import as the audience of a follow-up campaign', async () => {
    await h.core.reports.exportToFile(
      { campaignId: h.campaignId, format: 'csv', filter: 'failed', timeZone: ZONE },
      out('failed.csv'),
    );
    const follow = value(await h.call('campaigns.create', { name: 'Follow-up' }));
    const imported = value(
      await h.call('audience.import', {
        campaignId: follow.id,
        file: { kind: 'path', path: out('failed.csv') },
        fileName: 'failed.csv',
      }),
    );
    const failed = OUTCOMES.map((o, i) => (o.state === 'failed' ? i : -1)).filter((i) => i >= 0);
    expect(imported).toMatchObject({ imported: failed.length, invalid: 0, phoneColumn: 'phone' });
    const rows = h.core.store.sqlite
      .prepare(
        'SELECT phone, fields_json FROM recipients WHERE campaign_id = ? ORDER BY row_number',
      )
      .all(follow.id) as { phone: string; fields_json: string }[];
    expect(rows.map((r) => r.phone)).toEqual(failed.map(e164));
    for (const [k, r] of rows.entries()) {
      const fields = JSON.parse(r.fields_json) as Record<string, string>;
      const person = PEOPLE[failed[k]!]!;
      // Cells that looked like formulas come back with the quote that disarmed them; the rest as they were.
      for (const c of ORIGINAL) expect(fields[c]?.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(person[c]);
    }
  });
});
