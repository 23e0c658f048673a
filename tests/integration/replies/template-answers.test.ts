import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/service';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { SANDBOX_TEST_NUMBERS as N } from '../../../electron/sandbox/test-numbers';
import { callApi } from '../suppression/helpers';
import { answerCore } from './helpers';

const HOUR = 3600_000;
// A US number (+1 202): marketing templates to it are refused.
const US_CUSTOMER = N.read.number;
const UK_CUSTOMER = N.heldThenDelivered.number;

describe('answering with a template outside the 24-hour window (sandbox, fake clock)', () => {
  let core: Core;
  let cleanup: () => void;
  afterEach(async () => {
    vi.restoreAllMocks();
    await core.close();
    cleanup();
  });

  const setup = async () => {
    const made = await answerCore('cd-tpl-answers-');
    core = made.core;
    cleanup = made.cleanup;
    const { clock, sandbox, accountId, sync } = made;
    await callApi(core, 'templates.sync', { accountId });
    const { templates } = await callApi(core, 'templates.list', { accountId });
    const template = (name: string, language = 'en_US') => {
      const t = templates.find((x) => x.name === name && x.language === language);
      if (!t) throw new Error(`no sandbox template ${name} ${language}`);
      return t.id;
    };
    // The customer wrote once, 25 hours ago: the window is closed.
    const wrote = async (phone: string) => {
      sandbox.injectInbound({ from: phone, text: 'Is the blue one back?' });
      clock.t += 1000;
      await sync();
      clock.t += 25 * HOUR;
    };
    return { dir: made.dir, clock, sandbox, accountId, sync, template, wrote };
  };

  it('sends an approved template with its placeholders filled, recorded before the request, and follows its status', async () => {
    const { clock, sync, template, wrote } = await setup();
    await wrote(US_CUSTOMER);
    const closed = await callApi(core, 'replies.thread', { phone: US_CUSTOMER });
    expect(closed.window.open).toBe(false);
    await expect(callApi(core, 'replies.send', { phone: US_CUSTOMER, text: 'Hi' })).rejects.toThrow(
      /closed at/,
    );

    // At the moment the request leaves, the answer is already committed as `sending`.
    const seen: unknown[] = [];
    const clientFor = core.clients.clientFor.bind(core.clients);
    vi.spyOn(core.clients, 'clientFor').mockImplementation(async (id) => {
      const client = await clientFor(id);
      return {
        ...client,
        sendTemplate: (body) => {
          seen.push(
            core.store.sqlite
              .prepare('SELECT kind, state, template_name, body FROM reply_answers')
              .all(),
          );
          seen.push(body);
          return client.sendTemplate(body);
        },
      };
    });

    const a = await callApi(core, 'replies.sendTemplate', {
      phone: US_CUSTOMER,
      templateId: template('order_confirmation'),
      parameters: { 'body.first_name': 'Ana', 'body.order_number': 'A-17' },
    });
    expect(a).toMatchObject({
      kind: 'template',
      state: 'sent',
      templateName: 'order_confirmation',
      body: 'Thank you, Ana! Your order A-17 is confirmed. We will let you know when it ships.',
    });
    expect(seen[0]).toEqual([
      {
        kind: 'template',
        state: 'sending',
        template_name: 'order_confirmation',
        body: expect.stringContaining('Ana'),
      },
    ]);
    expect(seen[1]).toMatchObject({
      to: US_CUSTOMER,
      type: 'template',
      template: {
        name: 'order_confirmation',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'first_name', text: 'Ana' },
              { type: 'text', parameter_name: 'order_number', text: 'A-17' },
            ],
          },
        ],
      },
    });

    clock.t += 1000;
    await sync();
    const thread = await callApi(core, 'replies.thread', { phone: US_CUSTOMER });
    expect(thread.items.map((i) => i.kind)).toEqual(['reply', 'answer']);
    expect(thread.items[1]).toMatchObject({
      answer: { kind: 'template', templateName: 'order_confirmation', state: 'read' },
    });
  });

  it('refuses an empty placeholder, a template not approved, a US marketing one, and no account, recording nothing', async () => {
    const { template, wrote } = await setup();
    await wrote(US_CUSTOMER);
    const send = (
      templateId: number,
      parameters: Record<string, string>,
      phone: string = US_CUSTOMER,
    ) => callApi(core, 'replies.sendTemplate', { phone, templateId, parameters });

    await expect(
      send(template('order_confirmation'), { 'body.first_name': 'Ana', 'body.order_number': ' ' }),
    ).rejects.toThrow('Fill in Body {{order_number}}');
    await expect(
      send(template('order_confirmation'), { 'body.first_name': 'Ana' }),
    ).rejects.toThrow('Fill in Body {{order_number}}');
    await expect(send(template('winter_clearance'), {})).rejects.toThrow(
      /is paused, not approved: WhatsApp sends only approved templates/,
    );
    const sale = template('spring_sale');
    await expect(send(sale, { 'body.1': 'Ana', 'body.2': '20%', 'button.0': 'x' })).rejects.toThrow(
      /marketing template and WhatsApp does not deliver marketing messages to US numbers/,
    );
    // A number that never wrote: no account received it, so none to send from.
    await expect(
      send(
        template('order_confirmation'),
        { 'body.first_name': 'A', 'body.order_number': 'B' },
        '+447911123456',
      ),
    ).rejects.toThrow(/No account of yours received messages from \+447911123456/);
    const rows = core.store.sqlite.prepare('SELECT count(*) FROM reply_answers').pluck().get();
    expect(rows).toBe(0);

    // The same marketing template to a UK customer is sent.
    await wrote(UK_CUSTOMER);
    const ok = await send(
      sale,
      { 'body.1': 'Ana', 'body.2': '20%', 'button.0': 'spring' },
      UK_CUSTOMER,
    );
    expect(ok).toMatchObject({ kind: 'template', templateName: 'spring_sale' });
    expect(ok.state).not.toBe('failed');
  });

  it('CLI: replies send --template with --param values in the order of the placeholders', async () => {
    const { dir, wrote } = await setup();
    await wrote(UK_CUSTOMER);
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--data-dir', dir], {
        stdout: (t: string) => out.push(t),
        stderr: (t: string) => err.push(t),
        env: {},
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const send = (...rest: string[]) => cli('replies', 'send', UK_CUSTOMER, ...rest);

    const empty = await send('--template', 'order_confirmation', '--param', 'Ann');
    expect(empty.code).toBe(EXIT.FAILED);
    expect(empty.err).toMatch(/Fill in Body \{\{order_number\}\}/);
    const unknown = await send('--template', 'no_such_template');
    expect(unknown.err).toMatch(/No template named no_such_template/);
    const tooMany = await send(
      '--template',
      'order_confirmation',
      ...'abc'.split('').flatMap((v) => ['--param', v]),
    );
    expect(tooMany.err).toMatch(/has 2 placeholders/);

    const ok = await send(
      '--template',
      'order_confirmation',
      '--language',
      'en_US',
      '--param',
      'Ann',
      '--param',
      'A-17',
      '--json',
    );
    expect(ok.code).toBe(EXIT.OK);
    expect(JSON.parse(ok.out)).toMatchObject({
      kind: 'template',
      templateName: 'order_confirmation',
      state: 'sent',
      body: expect.stringContaining('Thank you, Ann! Your order A-17'),
    });
  });
});
