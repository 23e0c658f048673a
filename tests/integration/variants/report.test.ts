import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_RATE_CARD, marketFor } from '../../../shared/domain/pricing';
import { headerFor } from '../reports/expected';
import { finishedCampaign, OUTCOMES, T0, value, type ReportHarness } from '../reports/helpers';

const ZONE = 'Europe/Berlin';

/** Variant of each fixture person, in order: B gets the utility template, so its price differs. */
const VARIANTS = ['A', 'B', 'A', 'B', 'B', 'A', null, 'B', 'A'] as const;

function readCsv(path: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
    delimiter: ',',
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function readXlsx(path: string): Promise<string[][][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book.worksheets.map((ws) => {
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
}

describe('delivery reports of an A/B campaign', () => {
  let h: ReportHarness;
  beforeAll(async () => {
    h = await finishedCampaign({ name: 'Split' });
    const db = h.core.store.sqlite;
    db.prepare(
      `INSERT INTO templates (account_id, name, language, status, category, components_json, source, updated_at)
       VALUES (1, 'order_update', 'en_US', 'APPROVED', 'UTILITY', '[{"type":"BODY","text":"Hello"}]', 'manual', ?)`,
    ).run(T0);
    const settings = {
      variants: {
        seed: 7,
        variants: [
          { id: 'A', label: 'A', share: 50 },
          {
            id: 'B',
            label: '=Plain',
            share: 50,
            template: { name: 'order_update', language: 'en_US' },
            mapping: {},
          },
        ],
      },
    };
    db.prepare('UPDATE campaigns SET settings_json = ? WHERE id = ?').run(
      JSON.stringify(settings),
      h.campaignId,
    );
    const ids = (
      db
        .prepare('SELECT id FROM recipients WHERE campaign_id = ? ORDER BY row_number')
        .all(h.campaignId) as { id: number }[]
    ).map((r) => r.id);
    VARIANTS.forEach((v, i) =>
      db.prepare('UPDATE recipients SET variant = ? WHERE id = ?').run(v, ids[i]),
    );
  });
  afterAll(() => h.close());

  it('has a Variant column after State (CSV: the column only), with each row priced at its variant’s category', async () => {
    const options = value(await h.call('reports.options', { campaignId: h.campaignId }));
    const ids = options.columns.map((c) => c.id);
    expect(ids.slice(ids.indexOf('state'), ids.indexOf('state') + 2)).toEqual(['state', 'variant']);

    const path = join(h.dir, 'split.csv');
    await h.core.reports.exportToFile(
      { campaignId: h.campaignId, format: 'csv', filter: 'all', timeZone: ZONE },
      path,
    );
    const rows = readCsv(path);
    const plain = headerFor(ZONE);
    expect(rows[0]).toEqual([
      ...plain.slice(0, plain.indexOf('State') + 1),
      'Variant',
      ...plain.slice(plain.indexOf('State') + 1),
    ]);
    const col = (name: string) => rows[0]!.indexOf(name);
    // The cell starts with the variant's letter, so a label like "=Plain" can never start a formula.
    expect(rows.slice(1).map((r) => r[col('Variant')])).toEqual(
      VARIANTS.map((v) => (v === null ? '' : v === 'A' ? 'A' : 'B (=Plain)')),
    );
    expect(rows.slice(1).map((r) => r[col('Category')])).toEqual(
      VARIANTS.map((v) => (v === 'B' ? 'UTILITY' : 'MARKETING')),
    );
    const prices = rows.slice(1).map((r) => Number(r[col('Estimated price (USD)')]));
    OUTCOMES.forEach((o, i) => {
      const charged = o.state === 'read' || o.state === 'delivered';
      const country = rows[i + 1]![col('Country')]!;
      const category = VARIANTS[i] === 'B' ? 'UTILITY' : 'MARKETING';
      expect(prices[i]).toBe(charged ? marketFor(BUNDLED_RATE_CARD, country).prices[category] : 0);
    });

    const only = join(h.dir, 'only.csv');
    await h.core.reports.exportToFile(
      {
        campaignId: h.campaignId,
        format: 'csv',
        filter: 'delivered',
        timeZone: ZONE,
        columns: ['variant', 'state'],
      },
      only,
    );
    expect(readCsv(only)).toEqual([
      ['State', 'Variant'],
      ...OUTCOMES.flatMap((o, i) =>
        o.state === 'read' || o.state === 'delivered'
          ? [[o.state, VARIANTS[i] === 'B' ? 'B (=Plain)' : 'A']]
          : [],
      ),
    ]);
  });

  it('has a "By variant" section on the Summary sheet, counted from the same snapshot', async () => {
    const path = join(h.dir, 'split.xlsx');
    await h.core.reports.exportToFile(
      { campaignId: h.campaignId, format: 'xlsx', filter: 'all', timeZone: ZONE },
      path,
    );
    const [recipients, summary] = await readXlsx(path);
    expect(recipients![0]).toContain('Variant');
    const start = summary!.findIndex((r) => r[0] === 'By variant');
    expect(summary![start]).toEqual([
      'By variant',
      'Template',
      'Recipients',
      'Sent',
      'Delivered (read included)',
      'Read',
      'Failed',
      'Delivered of sent',
      'Read of delivered',
      'Button clicks',
    ]);
    const expected = (v: 'A' | 'B') => {
      const mine = OUTCOMES.filter((_, i) => VARIANTS[i] === v);
      const sent = mine.filter((o) => 'sent' in o).length;
      const delivered = mine.filter((o) => o.state === 'read' || o.state === 'delivered').length;
      const read = mine.filter((o) => o.state === 'read').length;
      const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)}%` : '');
      // Button clicks stay empty until template analytics is wired in (the reader drops trailing empty cells).
      return [
        String(mine.length),
        String(sent),
        String(delivered),
        String(read),
        String(mine.filter((o) => o.state === 'failed').length),
        pct(delivered, sent),
        pct(read, delivered),
      ];
    };
    expect(summary![start + 1]).toEqual(['A', 'spring_offer (en_US)', ...expected('A')]);
    expect(summary![start + 2]).toEqual(['B (=Plain)', 'order_update (en_US)', ...expected('B')]);
    expect(summary![start + 3]![0]).toBe('About the variants');

    // The cost section prices each variant at its own category, and matches the rows' prices.
    const costStart = summary!.findIndex((r) => r[0] === 'Estimated cost by country (USD)');
    const total = summary!.slice(costStart).find((r) => r[0] === 'total');
    const csv = join(h.dir, 'prices.csv');
    await h.core.reports.exportToFile(
      {
        campaignId: h.campaignId,
        format: 'csv',
        filter: 'all',
        timeZone: ZONE,
        columns: ['price'],
      },
      csv,
    );
    const sum = readCsv(csv)
      .slice(1)
      .reduce((n, r) => n + Number(r[0]), 0);
    expect(Number(total?.[3])).toBeCloseTo(sum, 6);
    expect(summary!.find((r) => r[0] === 'About the cost')?.[1]).toMatch(
      /each A\/B variant's template category/,
    );
  });
});
