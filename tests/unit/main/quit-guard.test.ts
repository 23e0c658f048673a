import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendProgress } from '../../../shared/api';
import { EventBus } from '../../../electron/core/events';
import { createCore } from '../../../electron/core/service';
import { campaignFacts, campaignsSendingHere } from '../../../electron/core/host/desk-facts';
import { createHostOps } from '../../../electron/core/host/ops';
import {
  factsThrough,
  outcomeNotice,
  watchCampaignOutcomes,
  type OutcomeNotice,
} from '../../../electron/main/notifications';
import {
  choiceFor,
  createQuitGuard,
  createSendingCount,
  QUIT_DIALOG,
  type QuitChoice,
} from '../../../electron/main/quit-guard';
import type { HostOpCall } from '../../../electron/main/downloads';
import { phones, sendHarness, type SendHarness } from '../../integration/sending/helpers';

function guard(sending: number, answer: QuitChoice) {
  const log: string[] = [];
  let count = sending;
  let resolveAsk: (c: QuitChoice) => void = () => undefined;
  const g = createQuitGuard({
    sendingHere: () => count,
    ask: (n) => {
      log.push(`ask ${n}`);
      return new Promise((r) => (resolveAsk = r));
    },
    keepSendingInBackground: () => log.push('background'),
    quit: () => log.push('quit'),
  });
  const quitEvent = () => {
    let prevented = false;
    g.beforeQuit({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return {
    g,
    log,
    quitEvent,
    answer: () => resolveAsk(answer),
    setSending: (n: number) => (count = n),
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('quitting while sending', () => {
  it('quits at once when nothing is sending', () => {
    const t = guard(0, 'quit');
    expect(t.quitEvent()).toBe(false);
    expect(t.log).toEqual([]);
  });

  it('asks first, once, and quits when the user says so', async () => {
    const t = guard(2, 'quit');
    expect(t.quitEvent()).toBe(true);
    expect(t.quitEvent()).toBe(true); // a second Cmd+Q while the dialog is open
    expect(t.log).toEqual(['ask 2']);
    t.answer();
    await settle();
    expect(t.log).toEqual(['ask 2', 'quit']);
    // The quit it started goes through without asking again.
    expect(t.quitEvent()).toBe(false);
  });

  it('keeps sending in the background, or stays, as chosen', async () => {
    const bg = guard(1, 'background');
    expect(bg.quitEvent()).toBe(true);
    bg.answer();
    await settle();
    expect(bg.log).toEqual(['ask 1', 'background']);
    expect(bg.quitEvent()).toBe(true); // still guarded afterwards

    const cancel = guard(1, 'cancel');
    cancel.quitEvent();
    cancel.answer();
    await settle();
    expect(cancel.log).toEqual(['ask 1']);
  });

  it('never blocks a system shutdown', () => {
    const t = guard(3, 'cancel');
    t.g.allowQuit();
    expect(t.quitEvent()).toBe(false);
    expect(t.log).toEqual([]);
  });

  it('stays in the tray when the window closes while sending (and always on macOS)', () => {
    const t = guard(1, 'quit');
    expect(t.g.stayInBackground('win32')).toBe(true);
    t.setSending(0);
    expect(t.g.stayInBackground('linux')).toBe(false);
    expect(t.g.stayInBackground('darwin')).toBe(true);
  });

  it("maps the dialog's buttons, and Escape to cancel", () => {
    expect(QUIT_DIALOG.buttons.map((_, i) => choiceFor(i))).toEqual([
      'background',
      'quit',
      'cancel',
    ]);
    expect(choiceFor(-1)).toBe('cancel');
    expect(choiceFor(7)).toBe('cancel');
    expect(QUIT_DIALOG.message(1)).toBe('Campaign Desk is sending a campaign.');
  });
});

describe('the count of campaigns sending, asked of the core', () => {
  it('keeps the newest answer when refreshes overlap, and the last one when a refresh fails', async () => {
    const answers: ((r: Awaited<ReturnType<HostOpCall>>) => void)[] = [];
    const asked: string[] = [];
    const count = createSendingCount((op) => {
      asked.push(op);
      return new Promise((resolve) => answers.push(resolve));
    });
    expect(count.current()).toBe(0);
    const older = count.refresh();
    const newer = count.refresh();
    answers[1]!({ ok: true, value: { sending: 2 } });
    await newer;
    answers[0]!({ ok: true, value: { sending: 5 } });
    await older;
    expect(count.current()).toBe(2);
    const failed = count.refresh();
    answers[2]!({ ok: false, error: { code: 'UNAVAILABLE', message: 'The core is not running.' } });
    expect(await failed).toBe(2);
    expect(asked).toEqual(['senders.here', 'senders.here', 'senders.here']);
  });
});

describe('a quit while sending resumes on the next start', () => {
  let h: SendHarness | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('stops cleanly, keeps the campaign "sending", and the next start finishes it without sending anybody twice', async () => {
    h = await sendHarness();
    // 25 at 20/s: the quit comes after 5, and the bucket (burst ~1) needs another second for the
    // other 20, so some are still pending; 60 proved the same and spent 2 s more sending them.
    const list = phones(25);
    const id = await h.campaign('Quit midway', list);
    const accountId = (await h.core.handlers['campaigns.get']({ id })).accountId;
    await h.core.handlers['accounts.update']({ id: accountId, ratePerSecond: 20 });
    await h.core.handlers['campaigns.start']({ campaignId: id });
    for (let i = 0; i < 200 && campaignsSendingHere(h.core) === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(campaignsSendingHere(h.core)).toBe(1);
    // The same count as the main process gets it, through the core's host op.
    expect(await createSendingCount(createHostOps(h.core)).refresh()).toBe(1);
    while ((h.states(id).sent ?? 0) + (h.states(id).delivered ?? 0) + (h.states(id).read ?? 0) < 5)
      await new Promise((r) => setTimeout(r, 20));

    // What will-quit does: close the core (loops finish their requests in flight).
    const dir = h.dir;
    dirs.push(dir);
    await h.core.close();
    expect(campaignsSendingHere(h.core)).toBe(0);
    const after = createCore({
      dataDir: dir,
      shell: 'headless',
      externalChangePollMs: 0,
      statusPolling: false,
    });
    const stateAfterQuit = after.store.sqlite
      .prepare('SELECT state FROM campaigns WHERE id = ?')
      .get(id) as { state: string };
    const leftover = after.store.sqlite
      .prepare(
        "SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state IN ('sending', 'unknown')",
      )
      .get(id) as { n: number };
    const pending = after.store.sqlite
      .prepare("SELECT count(*) AS n FROM recipients WHERE campaign_id = ? AND state = 'pending'")
      .get(id) as { n: number };
    await after.close();
    expect(stateAfterQuit.state).toBe('sending');
    expect(leftover.n).toBe(0);
    expect(pending.n).toBeGreaterThan(0);

    // Next start: the sender picks the campaign up by itself.
    const restarted = await sendHarness({ dataDir: dir });
    h = restarted;
    expect(await restarted.waitFor(id, ['completed'], 30_000)).toBe('completed');
    const s = restarted.states(id);
    expect((s.sent ?? 0) + (s.delivered ?? 0) + (s.read ?? 0) + (s.failed ?? 0)).toBe(list.length);
    expect(s.unknown ?? 0).toBe(0);
  });
});

describe('notifications', () => {
  const progress = (
    campaignId: number,
    state: SendProgress['state'],
    extra: Partial<SendProgress> = {},
  ): SendProgress => ({
    campaignId,
    state,
    counts: {
      pending: 0,
      sending: 0,
      sent: 90,
      delivered: 5,
      read: 3,
      failed: 2,
      skipped: 0,
      unknown: 1,
      expired: 0,
      total: 101,
    },
    ratePerSecond: 0,
    configuredRate: 80,
    etaSeconds: 0,
    waiting: null,
    pauseReason: null,
    at: 0,
    ...extra,
  });

  it('tell when a campaign completes or pauses itself, once, and not when the user paused it', async () => {
    const events = new EventBus();
    const facts = new Map([
      [1, { name: 'Spring sale', pauseCode: null }],
      [2, { name: 'Reminders', pauseCode: 'TOKEN' }],
      [3, { name: 'Paused by me', pauseCode: 'USER' }],
    ]);
    const shown: OutcomeNotice[] = [];
    const stop = watchCampaignOutcomes({
      events,
      describe: async (id) => facts.get(id),
      notify: (n) => shown.push(n),
    });
    events.emit('send.progress', progress(1, 'sending'));
    events.emit('send.progress', progress(1, 'completed'));
    events.emit('send.progress', progress(1, 'completed'));
    events.emit('send.progress', progress(2, 'sending'));
    events.emit(
      'send.progress',
      progress(2, 'paused', {
        pauseReason: 'The access token has expired. Paste a new one in Settings.',
      }),
    );
    events.emit('send.progress', progress(3, 'paused', { pauseReason: 'Paused by you.' }));
    stop();
    events.emit('send.progress', progress(4, 'completed'));
    await settle();
    expect(shown).toEqual([
      {
        campaignId: 1,
        title: '“Spring sale” is sent',
        body: '98 sent, 2 failed, 1 uncertain. Open Campaign Desk for the details.',
      },
      {
        campaignId: 2,
        title: '“Reminders” paused itself',
        body: 'The access token has expired. Paste a new one in Settings.',
      },
    ]);
  });

  it('still tell, by number, when the core cannot give the facts', async () => {
    const events = new EventBus();
    const shown: OutcomeNotice[] = [];
    const ops: HostOpCall = async () => ({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The core is not running.' },
    });
    watchCampaignOutcomes({ events, describe: factsThrough(ops), notify: (n) => shown.push(n) });
    events.emit('send.progress', progress(7, 'completed'));
    await settle();
    expect(shown.map((n) => n.title)).toEqual(['“Campaign 7” is sent']);
  });

  it('say nothing for states that need no attention', () => {
    for (const s of ['draft', 'scheduled', 'sending', 'cancelled'] as const)
      expect(outcomeNotice(progress(1, s), undefined)).toBeNull();
    expect(outcomeNotice(progress(9, 'completed'), undefined)?.title).toBe('“Campaign 9” is sent');
  });

  it('read the name and pause code from the database', async () => {
    const harness = await sendHarness();
    try {
      const c = await harness.core.handlers['campaigns.create']({ name: 'Facts' });
      expect(campaignFacts(harness.core.store, c.id)).toEqual({ name: 'Facts', pauseCode: null });
      expect(campaignFacts(harness.core.store, 999)).toBeUndefined();
    } finally {
      await harness.close();
    }
  });
});
