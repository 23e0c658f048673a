import { createCore, type Core } from '../../../electron/core/service';
import { ORDER_TEMPLATE, storeTemplate } from '../sending/helpers';
import { callApi } from '../suppression/helpers';
import { tempDir } from '../../helpers/tmp';

export { callApi };

/**
 * One data folder and one clock the test moves, with cores opened and closed on it as the app
 * is started and quit. Schedules run only when the test calls tick(): no timer races the clock.
 */
export function scheduleWorld(start: number) {
  const dir = tempDir('cd-sched-');
  let now = start;
  const clock = { now: () => now };
  let core: Core | null = null;
  const open = () => {
    core = createCore({
      dataDir: dir.path,
      shell: 'headless',
      externalChangePollMs: 0,
      statusPolling: false,
      clock,
    });
    return core;
  };
  const current = (): Core => {
    if (!core) throw new Error('no core open');
    return core;
  };
  return {
    open,
    core: current,
    setNow: (ms: number) => {
      now = ms;
    },
    async close() {
      const c = core;
      core = null;
      await c?.close();
    },
    async cleanup() {
      await this.close();
      dir.cleanup();
    },
    /** Customers in the book with the columns the order template's mapping reads. */
    async customers(phones: string[]) {
      for (const [i, phone] of phones.entries())
        await callApi(current(), 'customers.save', {
          phone,
          attributes: { name: `Customer ${i}`, order: `A-${1000 + i}` },
        });
    },
    /** A draft with the sandbox's order template mapped: the settings a schedule copies. */
    async sourceCampaign(name = 'Order reminder') {
      const c = await callApi(current(), 'campaigns.create', { name });
      const templateId = storeTemplate(
        current(),
        c.accountId,
        ORDER_TEMPLATE.name,
        ORDER_TEMPLATE.language,
      );
      current()
        .store.sqlite.prepare(
          'UPDATE campaigns SET template_id = ?, template_name = ?, template_language = ?, mapping_json = ? WHERE id = ?',
        )
        .run(
          templateId,
          ORDER_TEMPLATE.name,
          ORDER_TEMPLATE.language,
          JSON.stringify(ORDER_TEMPLATE.mapping),
          c.id,
        );
      return c.id;
    },
    runs: (scheduleId: number) =>
      current()
        .store.sqlite.prepare(
          'SELECT due_at, state, campaign_id, reason FROM schedule_runs WHERE schedule_id = ? ORDER BY due_at',
        )
        .all(scheduleId) as {
        due_at: number;
        state: string;
        campaign_id: number | null;
        reason: string | null;
      }[],
    campaignsNamed: (prefix: string) =>
      current()
        .store.sqlite.prepare(
          `SELECT c.id, c.name, c.state, (SELECT count(*) FROM recipients r WHERE r.campaign_id = c.id) AS recipients
             FROM campaigns c WHERE c.name LIKE ? || '%' ORDER BY c.id`,
        )
        .all(prefix) as { id: number; name: string; state: string; recipients: number }[],
  };
}
