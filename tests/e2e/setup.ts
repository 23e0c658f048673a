import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SANDBOX_TEMPLATES } from '../../electron/sandbox';
import type { Page } from '@playwright/test';
import type { AppHandle } from './fixtures';

/** The mapping of order_confirmation ({{first_name}}, {{order_number}}) onto the columns name and order. */
export const ORDER_MAPPING = {
  'body.first_name': { kind: 'column', column: 'name' },
  'body.order_number': { kind: 'column', column: 'order' },
};

/**
 * A draft campaign set up the quick way, for tests whose subject comes after it: created and its
 * customers imported (CSV text as given) through the app's own API (the calls the CLI's
 * `campaigns create` and `campaigns import` make, without a process of ~1 s of CPU for each), and
 * a sandbox template stored as a sync would store it and mapped (the template steps have their own
 * E2E test). Returns the campaign id.
 */
export async function draftCampaign(
  app: AppHandle,
  o: {
    name: string;
    csv: string;
    template?: string;
    language?: string;
    mapping?: Record<string, unknown>;
  },
): Promise<number> {
  const { id } = await app.api<{ id: number }>('campaigns.create', { name: o.name });
  // In the data folder: the only place the browser shell's API reads files by path from.
  const file = join(app.dataDir, `customers-${id}.csv`);
  writeFileSync(file, o.csv);
  await app.api('audience.import', {
    campaignId: id,
    file: { kind: 'path', path: file },
    fileName: basename(file),
    options: {},
  });
  const name = o.template ?? 'order_confirmation';
  const t = SANDBOX_TEMPLATES.find(
    (x) => x.name === name && (o.language === undefined || x.language === o.language),
  );
  if (!t) throw new Error(`no sandbox template ${name}`);
  app.exec(
    "INSERT OR IGNORE INTO templates (account_id, meta_id, name, language, status, category, parameter_format, components_json, source, updated_at) VALUES (1, ?, ?, ?, 'APPROVED', ?, ?, ?, 'sync', 0)",
    t.id ?? null,
    t.name,
    t.language,
    t.category,
    t.parameter_format,
    JSON.stringify(t.components),
  );
  const [row] = app.query<{ id: number }>(
    'SELECT id FROM templates WHERE account_id = 1 AND name = ? AND language = ?',
    t.name,
    t.language,
  );
  app.exec(
    'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
    row!.id,
    t.name,
    t.language,
    JSON.stringify(o.mapping ?? ORDER_MAPPING),
    id,
  );
  return id;
}

const hhmm = (minutes: number) => {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** Minutes since midnight now on London's clock. */
function londonMinutes(): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  return (
    Number(parts.find((p) => p.type === 'hour')!.value) * 60 +
    Number(parts.find((p) => p.type === 'minute')!.value)
  );
}

/**
 * Fills the Pacing panel's quiet hours (already switched on) with a three-hour window around London's
 * "now": the UK waits while countries hours ahead or behind (India, the US) do not. Returns the window.
 */
export async function quietHoursAroundLondonNow(page: Page): Promise<{ from: string; to: string }> {
  const now = londonMinutes();
  let from = hhmm(now - 60);
  let to = hhmm(now + 120);
  // Never an intermediate window equal to the default's other end (that would be refused as empty).
  if (from === '08:00' || to === '21:00') [from, to] = [hhmm(now - 50), hhmm(now + 130)];
  await page.getByLabel('Quiet hours to').fill(to);
  await page.getByLabel('Quiet hours to').blur();
  await page.getByLabel('Quiet hours from').fill(from);
  // Tab moves between the hour and minute of a time field: leaving the field is what saves it.
  await page.getByLabel('Quiet hours from').blur();
  return { from, to };
}
