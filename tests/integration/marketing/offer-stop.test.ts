import { afterEach, describe, expect, it } from 'vitest';
import { offerEndsAt } from '../../../shared/domain/delivery';
import { createCore, type Core } from '../../../electron/core/service';
import { createStopAfterGate } from '../../../electron/core/sender/stop-after';
import { tempDir } from '../../helpers/tmp';

const ENDS = Date.UTC(2026, 11, 24, 17, 0); // 2026-12-24T18:00+01:00

// Issue 17 item 3: a limited-time offer's campaign stops when the offer ends, unless a stop-after
// of its own was chosen.
describe('limited-time offer: stop-after defaults to the offer end', () => {
  let core: Core | undefined;
  const dir = tempDir('cd-offer-stop-');
  afterEach(async () => {
    await core?.close();
    core = undefined;
    dir.cleanup();
  });

  it('reads one fixed expiry, and nothing else', () => {
    const m = (source: unknown) =>
      JSON.stringify({ 'body.1': { kind: 'static', value: 'x' }, 'offer.expiry': source });
    expect(offerEndsAt(m({ kind: 'static', value: '2026-12-24T18:00+01:00' }))).toBe(ENDS);
    expect(offerEndsAt(m({ kind: 'static', value: String(ENDS) }))).toBe(ENDS);
    // Per person (a column), without a zone, unreadable or absent: no campaign-wide end.
    expect(offerEndsAt(m({ kind: 'column', column: 'ends' }))).toBeNull();
    expect(offerEndsAt(m({ kind: 'static', value: '2026-12-24 18:00' }))).toBeNull();
    expect(offerEndsAt('{"offer.expiry":')).toBeNull();
    expect(offerEndsAt('[1,2]')).toBeNull();
    expect(offerEndsAt(null)).toBeNull();
    expect(offerEndsAt(JSON.stringify({ 'body.1': { kind: 'static', value: 'x' } }))).toBeNull();
  });

  it('the campaign stops at the offer end until a stop-after of its own replaces it', async () => {
    let now = Date.UTC(2026, 11, 20, 9, 0);
    core = createCore({
      dataDir: dir.path,
      shell: 'headless',
      externalChangePollMs: 0,
      clock: { now: () => now },
    });
    const c = core;
    const { id } = await c.handlers['campaigns.create']({ name: 'Christmas flash sale' });
    const mapping = { 'offer.expiry': { kind: 'static', value: '2026-12-24T18:00+01:00' } };
    c.store.sqlite
      .prepare('UPDATE campaigns SET mapping_json = ? WHERE id = ?')
      .run(JSON.stringify(mapping), id);

    const view = await c.handlers['campaigns.delivery']({ campaignId: id });
    expect(view).toMatchObject({ stopAfter: null, offerEndsAt: ENDS, stopAt: ENDS });
    const gate = createStopAfterGate(c.store.sqlite, id);
    expect(gate.passed(ENDS - 1)).toBe(false);
    expect(gate.passed(ENDS)).toBe(true);
    const status = await c.handlers['campaigns.status']({ campaignId: id });
    expect(status.stopAt).toBe(ENDS);

    // A stop-after of its own wins, earlier or later.
    const earlier = ENDS - 6 * 3_600_000;
    const set = await c.handlers['campaigns.setDelivery']({
      campaignId: id,
      stopAfter: { at: earlier },
    });
    expect(set).toMatchObject({ stopAt: earlier, offerEndsAt: ENDS });
    now += 10_000; // past the gate's cache
    expect(createStopAfterGate(c.store.sqlite, id).stopAt(now)).toBe(earlier);
  });
});
