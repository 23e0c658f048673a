import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { buttonMessage, textMessage } from '../../unit/optout/inbound-payloads';
import { replyHarness, type ReplyHarness } from './helpers';

const ANN = '+447911123401';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

describe('CLI: replies list, show, label, rule', () => {
  let h: ReplyHarness;
  afterEach(() => h.close());

  it('lists replies with their campaign, shows a thread with its window, labels a customer', async () => {
    h = replyHarness();
    const t0 = h.clock.t;
    const c = h.sentCampaign('Spring', [ANN], t0 - 3600_000, 'A');
    h.receive(
      [
        textMessage('Is it\nin blue?', {
          from: ANN.slice(1),
          timestamp: String((t0 - 60_000) / 1000),
        }),
        buttonMessage('Yes, send me the offer', 'YES', {
          from: ANN.slice(1),
          context: c.wamids[ANN]!,
          timestamp: String((t0 - 30_000) / 1000),
        }),
      ],
      ANN.slice(1),
    );
    await h.stop();
    const cli = (...args: string[]) => {
      const x = io();
      return runCli([...args, '--data-dir', h.dir], x.io).then((code) => ({ code, ...x }));
    };

    const list = await cli('replies', 'list', '--unread');
    expect(list.code).toBe(EXIT.OK);
    expect(list.out.join('\n')).toMatch(
      /\* \+447911123401 .*Spring \(A\) .*tapped "Yes, send me the offer"/,
    );
    // A line break in what the customer wrote stays on one line of the table.
    expect(list.out.join('\n')).toMatch(/"Is it in blue\?"/);

    const json = await cli('replies', 'list', '--campaign', String(c.id), '--json');
    expect(JSON.parse(json.out.join(''))).toMatchObject({ total: 2 });

    const show = await cli('replies', 'show', '447911123401');
    expect(show.code).toBe(EXIT.OK);
    // The CLI's clock is the real one: the fake clock is in June 2026, 24 h after the last reply is long past.
    expect(show.out.join('\n')).toMatch(/window closed at 2026-06-17 08:59 UTC/);
    expect((await cli('replies', 'list', '--unread', '--json')).out.join('')).toMatch(/"total": 0/);

    const label = await cli('replies', 'label', ANN, 'Interested');
    expect(label.out.join('')).toBe(`${ANN} is labelled: interested.`);
    const bad = await cli('replies', 'label', 'not a number', 'x');
    expect(bad.code).toBe(EXIT.FAILED);
    expect(bad.err.join('')).toMatch(/country code/);

    const rule = await cli(
      'replies',
      'rule',
      String(c.id),
      'Yes, send me the offer',
      '--label',
      'interested',
    );
    expect(rule.out.join('')).toBe('"Yes, send me the offer" → interested');
  });
});
