import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createCore, type Core } from '../../../electron/core/service';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';

/**
 * A finished campaign without sending: the audience goes through the real import, then each
 * recipient is given the outcome the test needs, as the sender and the status reconciler would.
 */

export const T0 = Date.UTC(2026, 10, 23, 13, 0, 0);

// Values chosen to break naive writers: formulas, quotes, separators, line breaks, non-Latin text.
export const PEOPLE = [
  {
    name: 'Ann Read',
    phone: '+1 202 555 0101',
    note: '=HYPERLINK("http://evil","x")',
    city: 'Berlin',
  },
  {
    name: 'Bob "Bobby" Delivered',
    phone: '+1 202 555 0102',
    note: 'line one\nline two, with comma',
    city: '+London',
  },
  { name: '@Carla', phone: '+1 202 555 0103', note: '-5', city: 'Zürich' },
  { name: 'Dmitri', phone: '+1 202 555 0104', note: '\tTabbed', city: 'Москва' },
  { name: 'Ema 😀', phone: '+1 202 555 0105', note: 'opted out', city: 'القاهرة' },
  { name: 'Femi', phone: '+44 7400 123456', note: '', city: 'Leeds' },
  { name: 'Gus', phone: '+1 202 555 0107', note: 'never sent', city: 'Paris' },
  { name: 'Hana', phone: '+1 202 555 0108', note: 'crashed', city: 'Tokyo' },
  { name: 'Ivo', phone: '+1 202 555 0109', note: 'old', city: 'Rome' },
] as const;

/** Outcome per person, in order. */
export const OUTCOMES = [
  { state: 'read', sent: 0, delivered: 5, read: 60 },
  { state: 'delivered', sent: 1, delivered: 7 },
  { state: 'failed', sent: 2, failed: 9, code: 131026 },
  { state: 'failed', sent: 3, failed: 10, code: 131049 },
  { state: 'failed', sent: 4, failed: 11, code: 131050 },
  { state: 'read', sent: 5, read: 90 },
  { state: 'skipped', skip: 'Cancelled before sending.' },
  {
    state: 'unknown',
    sending: 6,
    title: 'Interrupted while sending: it may or may not have been delivered.',
  },
  { state: 'expired', sent: 7, failed: 30 * 86_400, title: 'No delivery report within 30 days.' },
] as const;

export interface ReportHarness {
  core: Core;
  dir: string;
  campaignId: number;
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>>;
  close(): Promise<void>;
}

export function csvText(rows: Record<string, string>[]): string {
  return Papa.unparse(rows, { newline: '\r\n' });
}

export async function finishedCampaign(
  options: { name?: string; withTemplate?: boolean } = {},
): Promise<ReportHarness> {
  const dir = tempDir('cd-report-');
  const core = createCore({ dataDir: dir.path, shell: 'headless', externalChangePollMs: 0 });
  const call = <K extends MethodName>(method: K, input: MethodInput<K>) =>
    dispatch<K>(core.handlers, method, input, { error: () => undefined });
  const created = await core.handlers['campaigns.create']({ name: options.name ?? 'Spring sale' });
  const file = join(dir.path, 'customers.csv');
  writeFileSync(file, csvText(PEOPLE.map((p) => ({ ...p }))));
  const imported = await call('audience.import', {
    campaignId: created.id,
    file: { kind: 'path', path: file },
    fileName: 'customers.csv',
  });
  if (!imported.ok || imported.value.imported !== PEOPLE.length)
    throw new Error(`fixture import: ${JSON.stringify(imported)}`);

  const db = core.store.sqlite;
  if (options.withTemplate !== false) {
    const account = db.prepare('SELECT account_id FROM campaigns WHERE id = ?').get(created.id) as {
      account_id: number;
    };
    const tpl = db
      .prepare(
        `INSERT INTO templates (account_id, name, language, status, category, components_json, source, updated_at)
         VALUES (?, 'spring_offer', 'en_US', 'APPROVED', 'MARKETING', '[{"type":"BODY","text":"Hi"}]', 'manual', ?)`,
      )
      .run(account.account_id, T0).lastInsertRowid;
    db.prepare(
      "UPDATE campaigns SET template_id = ?, template_name = 'spring_offer', template_language = 'en_US' WHERE id = ?",
    ).run(tpl, created.id);
  }
  db.prepare(
    "UPDATE campaigns SET state = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
  ).run(T0, T0 + 3600_000, created.id);
  const ids = (
    db
      .prepare('SELECT id FROM recipients WHERE campaign_id = ? ORDER BY row_number')
      .all(created.id) as { id: number }[]
  ).map((r) => r.id);
  const set = db.prepare(
    `UPDATE recipients SET state = ?, wamid = ?, sent_at = ?, delivered_at = ?, read_at = ?, failed_at = ?, error_code = ?, error_title = ?, skip_reason = ? WHERE id = ?`,
  );
  const at = (s: number | undefined) => (s === undefined ? null : T0 + s * 1000);
  OUTCOMES.forEach((o, i) => {
    const id = ids[i]!;
    const sent = 'sent' in o ? o.sent : undefined;
    set.run(
      o.state,
      sent !== undefined ? `wamid.HBgL${id}` : null,
      at(sent),
      at('delivered' in o ? o.delivered : undefined),
      at('read' in o ? o.read : undefined),
      at('failed' in o ? o.failed : 'sending' in o ? o.sending : undefined),
      'code' in o ? o.code : null,
      'title' in o ? o.title : null,
      'skip' in o ? o.skip : null,
      id,
    );
  });
  return {
    core,
    dir: dir.path,
    campaignId: created.id,
    call,
    close: async () => {
      await core.close();
      dir.cleanup();
    },
  };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
