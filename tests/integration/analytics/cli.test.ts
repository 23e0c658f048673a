import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/service';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import {
  SANDBOX_DEFAULTS,
  SANDBOX_TEMPLATES,
  startSandbox,
  type Sandbox,
} from '../../../electron/sandbox';
import type { AnalyticsHealth, CampaignAnalytics } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';
import { send, springSale } from '../sandbox/helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

const SPRING = SANDBOX_TEMPLATES.find((t) => t.name === 'spring_sale' && t.language === 'en_US')!;

describe('CLI: campaigns analytics, accounts analytics', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  /** A real account whose Cloud API is a standalone sandbox without insights, and a campaign it sent. */
  async function setup() {
    const d = tempDir('cd-analytics-cli-');
    closers.push(() => d.cleanup());
    const sb: Sandbox = await startSandbox({
      delivery: { sentAfterMs: 1, deliveredAfterMs: 2, readAfterMs: 3 },
      analytics: { enabled: false, countDelayMs: 0 },
    });
    closers.push(() => sb.close());
    process.env.CD_ANALYTICS_TOKEN = SANDBOX_DEFAULTS.token;
    closers.push(() => void delete process.env.CD_ANALYTICS_TOKEN);
    // UK numbers: spring_sale is a marketing template, which WhatsApp does not deliver to US numbers.
    const numbers = ['+447911123601', '+447911123602', '+447911123603'];
    for (const to of numbers) expect((await send(sb, springSale(to))).status).toBe(200);

    const core = createCore({ dataDir: d.path, shell: 'headless', externalChangePollMs: 0 });
    const account = await core.handlers['accounts.add']({
      name: 'Shop',
      phoneNumberId: sb.phoneNumberId,
      wabaId: sb.wabaId,
      tokenEnv: 'CD_ANALYTICS_TOKEN',
      baseUrl: sb.url,
    });
    const db = core.store.sqlite;
    const now = Date.now();
    const templateId = Number(
      db
        .prepare(
          "INSERT INTO templates (account_id, meta_id, name, language, status, category, parameter_format, components_json, source, updated_at) VALUES (?, ?, ?, ?, 'APPROVED', ?, ?, ?, 'sync', 0)",
        )
        .run(
          account.id,
          SPRING.id,
          SPRING.name,
          SPRING.language,
          SPRING.category,
          SPRING.parameter_format,
          JSON.stringify(SPRING.components),
        ).lastInsertRowid,
    );
    const campaignId = Number(
      db
        .prepare(
          "INSERT INTO campaigns (account_id, name, state, template_id, template_name, template_language, started_at, completed_at, created_at, updated_at) VALUES (?, 'Spring', 'completed', ?, 'spring_sale', 'en_US', ?, ?, ?, ?)",
        )
        .run(account.id, templateId, now, now, now, now).lastInsertRowid,
    );
    const insert = db.prepare(
      "INSERT INTO recipients (campaign_id, row_number, phone, state, wamid, sent_at, attempts) VALUES (?, ?, ?, 'delivered', ?, ?, 1)",
    );
    numbers.forEach((p, i) => insert.run(campaignId, i + 2, p, `wamid.${i}`, now));
    await core.close();
    await new Promise((r) => setTimeout(r, 50));
    const cli = async (...args: string[]) => {
      const x = io();
      const code = await runCli(['--data-dir', d.path, ...args], x.io);
      return { code, out: x.out.join(''), err: x.err.join('') };
    };
    return { sb, accountId: account.id, campaignId, cli };
  }

  it('shows that analytics are off, enables them only with --yes-irreversible, then fetches and prints the cross-check', async () => {
    const { sb, accountId, campaignId, cli } = await setup();
    const before = await cli('--json', 'accounts', 'analytics', String(accountId));
    expect(before.code).toBe(EXIT.OK);
    expect(JSON.parse(before.out) as AnalyticsHealth).toMatchObject({
      accountId,
      sandbox: false,
      metaState: 'unknown',
      polling: false,
      state: 'off',
    });

    const off = JSON.parse(
      (await cli('--json', 'campaigns', 'analytics', String(campaignId))).out,
    ) as CampaignAnalytics;
    expect(off.explanations.map((e) => e.code)).toEqual(['not_enabled']);
    expect(off.ours).toMatchObject({ sent: 3, delivered: 3, read: 0 });

    const unconfirmed = await cli('accounts', 'analytics', String(accountId), '--enable');
    expect(unconfirmed.code).toBe(EXIT.USAGE);
    expect(unconfirmed.err).toMatch(/cannot switch them off again.*--yes-irreversible/s);
    expect(sb.state.analyticsEnabled()).toBe(false);

    const enabled = await cli(
      '--json',
      'accounts',
      'analytics',
      String(accountId),
      '--enable',
      '--yes-irreversible',
    );
    expect(enabled.code).toBe(EXIT.OK);
    expect(JSON.parse(enabled.out) as AnalyticsHealth).toMatchObject({
      metaState: 'enabled',
      polling: true,
      enabledAt: expect.any(Number),
    });
    expect(sb.state.analyticsEnabled()).toBe(true);

    // Enabling fetches the account's campaigns at once.
    expect(
      (
        JSON.parse(
          (await cli('--json', 'campaigns', 'analytics', String(campaignId))).out,
        ) as CampaignAnalytics
      ).meta?.sent,
    ).toBe(3);

    const refreshed = await cli(
      '--json',
      'campaigns',
      'analytics',
      String(campaignId),
      '--refresh',
    );
    expect(refreshed.code).toBe(EXIT.OK);
    const a = JSON.parse(refreshed.out) as CampaignAnalytics;
    expect(a.meta).toMatchObject({ sent: 3, delivered: 3 });
    expect(a.differences).toMatchObject({ sent: 0, delivered: 0 });
    expect(a.health).toMatchObject({ state: 'ok', callsThisHour: 2 });

    // Without --json: the table, the clicks and the reasons, for a person.
    const human = await cli('campaigns', 'analytics', String(campaignId));
    expect(human.out).toMatch(/sent\s+3\s+3\s+0/);
    expect(human.out).toContain('See the deals (unique url)');
    expect(human.out).toContain('Meta adds reads and button clicks');
  });

  it('switches fetching off and sets the budget, and refuses a bad budget', async () => {
    const { accountId, cli } = await setup();
    const set = await cli(
      '--json',
      'accounts',
      'analytics',
      String(accountId),
      '--analytics',
      'off',
      '--analytics-budget',
      '5',
    );
    expect(JSON.parse(set.out) as AnalyticsHealth).toMatchObject({
      polling: false,
      budgetPerHour: 5,
    });
    expect(
      (await cli('accounts', 'analytics', String(accountId), '--analytics-budget', '0')).code,
    ).toBe(EXIT.USAGE);
    expect(
      (await cli('accounts', 'analytics', String(accountId), '--analytics', 'maybe')).code,
    ).toBe(EXIT.USAGE);
    expect((await cli('campaigns', 'analytics', '999')).code).toBe(EXIT.FAILED);
  });
});
