import type { Core, CoreOptions } from '../../../electron/core/service';
import type { Mapping } from '../../../shared/domain/templates';
import { SANDBOX_TEST_NUMBERS, ukTwin } from '../../../electron/sandbox/test-numbers';
import { sendHarness, type SendHarness } from '../sending/helpers';

/**
 * The sandbox's test numbers as their UK twins (same fates): SPRING_SALE is a marketing template,
 * which WhatsApp does not deliver to US numbers, so the app leaves +1 numbers out of it.
 */
export const UK_TEST_NUMBERS = Object.fromEntries(
  Object.entries(SANDBOX_TEST_NUMBERS).map(([name, t]) => [
    name,
    { ...t, number: t.number.startsWith('+1') ? ukTwin(t.number) : t.number },
  ]),
) as unknown as {
  [K in keyof typeof SANDBOX_TEST_NUMBERS]: { number: string; description: string };
};

/** A marketing template, so 131049 and 131050 apply (they only hit marketing, cloud-api.md §9). */
export const SPRING_SALE = {
  name: 'spring_sale',
  language: 'en_US',
  mapping: {
    'body.1': { kind: 'column', column: 'name' },
    'body.2': { kind: 'static', value: '20%' },
    'button.0': { kind: 'column', column: 'order' },
  } as Mapping,
};

/** The sending harness with status polling on and quick. */
export function statusHarness(extra: Partial<CoreOptions> = {}): Promise<SendHarness> {
  return sendHarness({ statusPolling: true, statusPoller: { fastMs: 100, slowMs: 300 }, ...extra });
}

export interface RecipientView {
  phone: string;
  state: string;
  wamid: string | null;
  error_code: number | null;
  error_title: string | null;
  delivered_at: number | null;
  read_at: number | null;
}

export const recipients = (core: Core, campaignId: number): RecipientView[] =>
  core.store.sqlite
    .prepare(
      'SELECT phone, state, wamid, error_code, error_title, delivered_at, read_at FROM recipients WHERE campaign_id = ? ORDER BY id',
    )
    .all(campaignId) as RecipientView[];

export const byPhone = (core: Core, campaignId: number): Record<string, RecipientView> =>
  Object.fromEntries(recipients(core, campaignId).map((r) => [r.phone, r]));

/** Polls a condition until it holds (app events would be nicer, but the pollers run on timers). */
export async function until<T>(
  what: string,
  fn: () => T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A draft campaign whose recipients look as the sender leaves them: accepted by Meta with these wamids. */
export function sentCampaign(
  core: Core,
  accountId: number,
  rows: { phone: string; wamid: string | null; state?: string }[],
  sentAt = Date.now(),
): number {
  const db = core.store.sqlite;
  const campaignId = Number(
    db
      .prepare(
        "INSERT INTO campaigns (account_id, name, state, template_name, template_language, started_at, completed_at, created_at, updated_at) VALUES (?, 'Sent', 'completed', 'spring_sale', 'en_US', ?, ?, ?, ?)",
      )
      .run(accountId, sentAt, sentAt, sentAt, sentAt).lastInsertRowid,
  );
  const insert = db.prepare(
    'INSERT INTO recipients (campaign_id, row_number, phone, state, wamid, wa_id, sent_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 1)',
  );
  rows.forEach((r, i) =>
    insert.run(
      campaignId,
      i + 2,
      r.phone,
      r.state ?? 'sent',
      r.wamid,
      r.phone.replace('+', ''),
      r.state === 'unknown' ? null : sentAt,
    ),
  );
  return campaignId;
}
