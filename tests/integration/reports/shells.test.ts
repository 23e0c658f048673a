import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError, DOWNLOAD_CHANNEL, type ReportProgress, type Result } from '../../../shared/api';
import { insertFinishedCampaign } from '../../../electron/core/reports/fixtures';
import { runCli, EXIT } from '../../../electron/headless/cli-run';
import { startHeadlessServer } from '../../../electron/headless/server';
import { inProcessCore } from '../../../electron/headless/core/shell-core';
import { registerDownloads } from '../../../electron/main/downloads';
import { finishedCampaign, OUTCOMES, value, type ReportHarness } from './helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

describe('delivery reports in each shell', () => {
  let h: ReportHarness;
  beforeAll(async () => {
    h = await finishedCampaign();
  });
  afterAll(() => h.close());

  it('cancel stops the worker, reports CONFLICT/cancelled and deletes the partial file', async () => {
    const accountId = (
      h.core.store.sqlite.prepare('SELECT id FROM accounts LIMIT 1').get() as { id: number }
    ).id;
    const big = insertFinishedCampaign(h.core.store.sqlite, {
      accountId,
      name: 'Big',
      rows: 150_000,
      now: Date.now(),
    });
    const progress: ReportProgress[] = [];
    const off = h.core.events.on('report.progress', (p) => {
      progress.push(p);
      if (progress.length === 1) expect(h.core.reports.cancel(big)).toEqual({ cancelled: true });
    });
    const target = join(h.dir, 'big.xlsx');
    const error = await h.core.reports
      .exportToFile({ campaignId: big, format: 'xlsx', filter: 'all' }, target)
      .catch((e: unknown) => e);
    off();
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'cancelled' } });
    expect(progress[0]).toMatchObject({ campaignId: big, totalRows: 150_000 });
    expect(progress[0]!.rows).toBeLessThan(150_000);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(h.dir).filter((f) => f.includes('.part'))).toEqual([]);
    expect(h.core.reports.cancel(big)).toEqual({ cancelled: false });
  });

  it('CLI: campaigns export --format csv --filter failed --out FILE', async () => {
    const a = io();
    const file = join(h.dir, 'cli-failed.csv');
    const code = await runCli(
      [
        '--data-dir',
        h.dir,
        'campaigns',
        'export',
        String(h.campaignId),
        '--format',
        'csv',
        '--filter',
        'failed',
        '--out',
        file,
        '--time-zone',
        'Asia/Tokyo',
        '--json',
      ],
      a.io,
    );
    expect(a.err.join('')).toBe('');
    expect(code).toBe(EXIT.OK);
    expect(JSON.parse(a.out.join(''))).toMatchObject({
      rows: 3,
      filter: 'failed',
      timeZone: 'Asia/Tokyo',
      path: file,
    });
    const rows = Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    expect(rows.slice(1).map((r) => r[6])).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0]).toContain('Sent at (Asia/Tokyo)');

    const bad = io();
    expect(
      await runCli(
        [
          '--data-dir',
          h.dir,
          'campaigns',
          'export',
          String(h.campaignId),
          '--format',
          'pdf',
          '--out',
          file,
        ],
        bad.io,
      ),
    ).toBe(EXIT.USAGE);
    expect(bad.err.join('')).toMatch(/--format must be one of csv, xlsx/);
    const missing = io();
    expect(
      await runCli(
        ['--data-dir', h.dir, 'campaigns', 'export', '4242', '--out', join(h.dir, 'x.csv')],
        missing.io,
      ),
    ).toBe(EXIT.FAILED);
    expect(missing.err.join('')).toMatch(/Campaign 4242 does not exist/);
  });

  it('browser shell: reports.export, then GET /download/report/<id> streams the file', async () => {
    const server = await startHeadlessServer({
      core: inProcessCore({ core: h.core }),
      rendererDir: join(h.dir, 'no-renderer'),
      token: 'report-token',
    });
    try {
      const post = await fetch(`${server.url}/api/reports.export`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer report-token' },
        body: JSON.stringify({
          campaignId: h.campaignId,
          format: 'csv',
          filter: 'delivered',
          timeZone: 'UTC',
        }),
      });
      const result = (await post.json()) as Result<{
        exportId: number;
        fileName: string;
        rows: number;
      }>;
      const report = value(result);
      expect(report).toMatchObject({
        rows: OUTCOMES.filter((o) => o.state === 'read' || o.state === 'delivered').length,
        fileName: 'Spring sale - delivery report (delivered).csv',
      });
      const res = await fetch(`${server.url}/download/report/${report.exportId}`, {
        headers: { Authorization: 'Bearer report-token' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(
        'Spring sale - delivery report (delivered).csv',
      );
      const body = await res.text();
      // fetch's text() drops the BOM; the bytes are checked in the desktop test below.
      expect(Papa.parse<string[]>(body, { skipEmptyLines: true }).data).toHaveLength(
        report.rows + 1,
      );
      expect(
        (
          await fetch(`${server.url}/download/report/9999`, {
            headers: { Authorization: 'Bearer report-token' },
          })
        ).status,
      ).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('desktop app: the save dialog path gets the finished file', async () => {
    const handlers = new Map<
      string,
      (event: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>
    >();
    const ipcMain = {
      handle: (channel: string, fn: never) => handlers.set(channel, fn),
    } as unknown as Pick<IpcMain, 'handle'>;
    const target = join(h.dir, 'saved.xlsx');
    let suggested = '';
    registerDownloads(ipcMain, h.core, (_event, name) => {
      suggested = name;
      return Promise.resolve(target);
    });
    const report = value(
      await h.call('reports.export', { campaignId: h.campaignId, format: 'xlsx' }),
    );
    const event = {
      senderFrame: { url: 'app://campaign-desk/index.html' },
    } as unknown as IpcMainInvokeEvent;
    const saved = await handlers.get(DOWNLOAD_CHANNEL)!(event, {
      kind: 'report',
      id: report.exportId,
    });
    expect(saved).toEqual({ ok: true, value: { saved: true } });
    expect(suggested).toBe('Spring sale - delivery report.xlsx');
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(target).length).toBe(report.bytes);
  });
});
