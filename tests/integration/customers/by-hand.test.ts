import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import { tempDir } from '../../helpers/tmp';
import { openBook } from './helpers';

const quiet = { error: () => undefined };

describe('customer book: a customer by hand', () => {
  const open: { close(): Promise<void> | void }[] = [];
  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
  });

  it('adds one with details, labels and a "no" to marketing; edits it; refuses a repeat add and a bad number in words', async () => {
    const b = openBook();
    open.push(b);
    const save = (input: Record<string, unknown>) =>
      dispatch(b.core.handlers, 'customers.save', input, quiet);

    const added = await save({
      phone: '07911 123456',
      defaultCountry: 'GB',
      attributes: { 'First Name': 'Ann', City: 'Leeds' },
      labels: ['VIP', 'vip', 'wholesale'],
      marketing: 'declined',
      create: true,
    });
    expect(added).toMatchObject({
      ok: true,
      value: {
        created: true,
        customer: {
          phone: '+447911123456',
          attributes: { 'First Name': 'Ann', City: 'Leeds' },
          labels: ['vip', 'wholesale'],
          consent: null,
          marketingDeclined: { evidence: 'Declined marketing (set by hand on 2026-03-02)' },
        },
      },
    });

    const again = await save({ phone: '+447911123456', attributes: {}, create: true });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/already in the customer book/) },
    });
    const bad = await save({ phone: '12', attributes: {}, create: true });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/with its country code/) },
    });
    const unnamed = await save({ phone: '+447911123457', attributes: { ' ': 'x' } });
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    b.setNow(Date.UTC(2026, 3, 1, 9));
    const edited = await save({
      phone: '+447911123456',
      attributes: { City: '', 'First Name': 'Anna' },
      labels: ['wholesale'],
      marketing: 'accepted',
    });
    expect(edited).toMatchObject({
      ok: true,
      value: {
        created: false,
        customer: {
          attributes: { 'First Name': 'Anna' },
          labels: ['wholesale'],
          consent: { source: 'manual', evidence: 'Accepted marketing (set by hand on 2026-04-01)' },
          marketingDeclined: null,
        },
      },
    });
  });

  it('contacts add and contacts edit do the same from the command line', async () => {
    const d = tempDir('cd-contacts-add-');
    open.push({ close: () => d.cleanup() });
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['--data-dir', d.path, ...args], {
        stdout: (t) => out.push(t),
        stderr: (t) => err.push(t),
        env: {},
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const add = await cli(
      'contacts',
      'add',
      '07911 123456',
      '--country',
      'GB',
      '--set',
      'First Name=Ann',
      '--label',
      'vip',
      '--marketing',
      'no',
    );
    expect(add.code).toBe(EXIT.OK);
    expect(add.out).toMatch(/Added to the customer book:\n\+447911123456 \([A-Z]{2}\)/);
    expect(add.out).toMatch(/Marketing: Declined marketing \(set by hand on \d{4}-\d\d-\d\d\)/);
    expect(add.out).toMatch(/Labels: vip/);
    expect(add.out).toMatch(/First Name: Ann/);

    const twice = await cli('contacts', 'add', '+447911123456');
    expect(twice.code).not.toBe(EXIT.OK);
    expect(twice.err).toMatch(/already in the customer book/);

    const edit = await cli(
      'contacts',
      'edit',
      '+447911123456',
      '--set',
      'First Name=',
      '--set',
      'City=York',
      '--no-labels',
      '--marketing',
      'yes',
    );
    expect(edit.code).toBe(EXIT.OK);
    expect(edit.out).toMatch(/^Saved:/);
    expect(edit.out).toMatch(/City: York/);
    expect(edit.out).not.toMatch(/First Name|Labels|Marketing:/);
    expect(edit.out).toMatch(/Consent: Accepted marketing \(set by hand/);

    const wrong = await cli('contacts', 'edit', '+447911123456', '--set', 'City');
    expect(wrong.code).toBe(EXIT.USAGE);
    expect(wrong.err).toMatch(/--set takes NAME=VALUE/);
  });
});
