import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/service';
import type { MethodName, MethodOutput, Result } from '../../../shared/api';
import type {
  ConditionInput,
  FilterInput,
  GroupInput,
} from '../../../shared/domain/audience-filter';
import { tempDir } from '../../helpers/tmp';
import { ORDER_TEMPLATE, storeTemplate } from '../sending/helpers';

/**
 * Twelve customers: four London, three Leeds, two York, one Zürich, one blank city, one opted out.
 * Spent is written the way spreadsheets do (currency, thousands, a few unreadable); Joined mixes
 * ISO and day-first dates.
 */
export const FILTER_CSV = [
  'phone,name,order,City,Spent,Joined,VIP',
  '+12025551001,Ann,A-1,London,"$1,200.00",2026-01-05,yes',
  '+12025551002,Ben,A-2,london ,80,05/02/2026,',
  '+12025551003,Cat,A-3,LONDON,n/a,2026-02-10,',
  '+12025551004,Dan,A-4,London,250,soon,yes',
  '+12025551005,Eve,A-5,Leeds,"1,500",2025-12-31,',
  '+12025551006,Fay,A-6,Leeds,99.99,2026-03-01,yes',
  '+12025551007,Gus,A-7,Leeds,lots,14/03/2026,',
  '+12025551008,Hal,A-8,York,10,2026-03-14T09:00:00Z,',
  '+12025551009,Ivy,A-9,York,,2026-03-15,yes',
  '+12025551010,Jo,A-10,Zürich,300,2026-01-01,',
  '+12025551011,Kim,A-11,,40,2026-01-02,',
  '+12025551012,Lee,A-12,London,900,2026-01-03,yes',
].join('\n');

export const OPTED_OUT = '+12025551012';

export interface FilterHarness {
  core: Core;
  dir: string;
  campaignId: number;
  call<K extends MethodName>(method: K, input: unknown): Promise<Result<MethodOutput<K>>>;
  ok<K extends MethodName>(method: K, input: unknown): Promise<MethodOutput<K>>;
  /** Saves a filter of these conditions (all of them) or this group. */
  setFilter(
    root: GroupInput | ConditionInput[],
    reading?: Partial<Pick<FilterInput, 'decimal' | 'dateOrder'>>,
  ): Promise<MethodOutput<'campaigns.setFilter'>>;
  states(): Record<string, number>;
  close(): Promise<void>;
}

export async function filterHarness(
  options: { csv?: string; mapped?: boolean; core?: Partial<CoreOptions> } = {},
): Promise<FilterHarness> {
  const dir = tempDir('cd-filter-');
  const core = createCore({
    dataDir: dir.path,
    shell: 'headless',
    externalChangePollMs: 0,
    statusPolling: false,
    sandboxOptions: {
      delivery: { sentAfterMs: 20, deliveredAfterMs: 40, readAfterMs: 60, seed: 7 },
    },
    ...options.core,
  });
  const call = <K extends MethodName>(method: K, input: unknown) =>
    dispatch<K>(core.handlers, method, input, { error: (m, d) => console.error(m, d) });
  const ok = async <K extends MethodName>(method: K, input: unknown) => {
    const r = await call<K>(method, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const campaign = await ok('campaigns.create', { name: 'Filter test' });
  core.store.sqlite
    .prepare(
      "INSERT INTO suppression (phone, reason, source, created_at) VALUES (?, 'opted out', 'test', 0)",
    )
    .run(OPTED_OUT);
  const file = join(dir.path, 'audience.csv');
  writeFileSync(file, options.csv ?? FILTER_CSV);
  await ok('audience.import', {
    campaignId: campaign.id,
    file: { kind: 'path', path: file },
    fileName: 'audience.csv',
    options: { defaultCountry: 'US' },
  });
  if (options.mapped !== false) {
    const templateId = storeTemplate(
      core,
      campaign.accountId,
      ORDER_TEMPLATE.name,
      ORDER_TEMPLATE.language,
    );
    await ok('campaigns.setTemplate', { campaignId: campaign.id, templateId });
    await ok('campaigns.setMapping', { campaignId: campaign.id, mapping: ORDER_TEMPLATE.mapping });
  }
  return {
    core,
    dir: dir.path,
    campaignId: campaign.id,
    call,
    ok,
    setFilter(root, reading = {}) {
      const group = Array.isArray(root) ? { kind: 'group', match: 'all', items: root } : root;
      return ok('campaigns.setFilter', {
        campaignId: campaign.id,
        filter: {
          root: group,
          decimal: reading.decimal ?? '.',
          dateOrder: reading.dateOrder ?? 'dmy',
        },
      });
    },
    states() {
      return Object.fromEntries(
        (
          core.store.sqlite
            .prepare(
              'SELECT state, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY state',
            )
            .all(campaign.id) as { state: string; n: number }[]
        ).map((r) => [r.state, r.n]),
      );
    },
    async close() {
      await core.close();
      dir.cleanup();
    },
  };
}

export const c = (
  column: string,
  op: string,
  extra: Record<string, unknown> = {},
): ConditionInput => ({ kind: 'condition', column, op, ...extra }) as ConditionInput;
