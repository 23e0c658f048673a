import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import type { MessageSetup, Preview, TemplateList, ValidationSummary } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';
import { AUDIENCE_CSV } from './helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

describe('CLI: templates and the message', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  const setup = async () => {
    const d = tempDir();
    dirs.push(d);
    const run = async (...args: string[]) => {
      const r = io();
      const code = await runCli(['--data-dir', d.path, ...args], r.io);
      return { code, out: r.out.join('\n'), err: r.err.join('\n') };
    };
    const created = await run('campaigns', 'create', '--name', 'CLI', '--json');
    const id = String((JSON.parse(created.out) as { id: number }).id);
    const csv = join(d.path, 'customers.csv');
    writeFileSync(csv, AUDIENCE_CSV);
    expect((await run('campaigns', 'import', id, csv)).code).toBe(EXIT.OK);
    return { dir: d.path, id, run };
  };

  it('syncs, lists and adds templates', async () => {
    const { dir, run } = await setup();
    const sync = await run('templates', 'sync');
    expect(sync).toMatchObject({
      code: EXIT.OK,
      out: expect.stringMatching(/Synced 12 templates in 1 page: 12 new/),
    });
    const list = await run('templates', 'list', '--json');
    expect(
      (JSON.parse(list.out) as TemplateList).templates.map(
        (t) => `${t.name}/${t.language}/${t.status}`,
      ),
    ).toContain('winter_clearance/en_US/PAUSED');
    expect((await run('templates', 'list')).out).toMatch(
      /spring_sale\s+en_US\s+APPROVED\s+MARKETING\s+sync\s+body\.1 body\.2 button\.0/,
    );

    const file = join(dir, 'template.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'pasted',
        language: 'de',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hallo {{1}}' }],
      }),
    );
    expect(await run('templates', 'add', file)).toMatchObject({
      code: EXIT.OK,
      out: expect.stringMatching(/Added 1 template:\n.*pasted\s+de\s+PENDING/),
    });
    writeFileSync(file, '{"name": "broken",');
    expect(await run('templates', 'add', file)).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/not valid JSON/),
    });
    expect(await run('templates', 'add', join(dir, 'missing.json'))).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/Cannot read/),
    });
  });

  it('maps with --var, previews a row with the exact request body, and validates by reason', async () => {
    const { id, run } = await setup();
    const mapped = await run(
      'campaigns',
      'map',
      id,
      '--template',
      'spring_sale',
      '--language',
      'en_US',
      '--var',
      'body.1=@{First name|there}',
      '--var',
      'body.2=20%',
      '--var',
      'button.0=@{Deal code}',
    );
    expect(mapped.code).toBe(EXIT.OK);
    // Not synced yet: map syncs once by itself.
    expect(mapped.err).toMatch(/syncing/);
    expect(mapped.out).toMatch(
      /body\.1\s+@\{First name\|there\}\n\s+body\.2\s+20%\n\s+button\.0\s+@\{Deal code\}/,
    );

    const preview = await run('campaigns', 'preview', id, '--row', '3', '--json');
    const p = JSON.parse(preview.out) as Preview & { text: string };
    expect(p.text).toContain('Hi there, everything in the shop is *20% off*');
    expect(p.requestBody?.template.components?.[0]).toEqual({
      type: 'body',
      parameters: [
        { type: 'text', text: 'there' },
        { type: 'text', text: '20%' },
      ],
    });
    const human = await run('campaigns', 'preview', id, '--search', 'José');
    expect(human.out).toMatch(/Recipient 3 of 4: row 4/);
    expect(human.out).toMatch(/problems \(this recipient would be skipped\)[\s\S]*summer%20sale/);
    expect(human.out).toMatch(/"biz_opaque_callback_data": "cd:/);

    const validate = await run('campaigns', 'validate', id, '--json');
    const v = JSON.parse(validate.out) as ValidationSummary & {
      countsByReason: Record<string, number>;
    };
    // spring_sale is a marketing template: the two US numbers are left out with their own reason
    // (José's unencoded link is then moot); the two UK numbers will receive it.
    expect(v).toMatchObject({
      checked: 2,
      valid: 2,
      invalid: 0,
      willReceive: 2,
      leftOut: [
        {
          kind: 'us_marketing',
          count: 2,
          reason: 'WhatsApp does not deliver marketing messages to US numbers',
        },
      ],
    });
    expect((await run('campaigns', 'validate', id)).out).toMatch(
      /left out: 2 recipients with US numbers: WhatsApp does not deliver marketing messages there/,
    );
    expect((await run('campaigns', 'estimate', id)).out).toMatch(
      /About \$0\.11 for 2 marketing messages \(2 recipients left out\)\.\n.*2 × \$0\.0529 = \$0\.11\n[\s\S]*2025-07-01/,
    );
  });

  it('refuses bad --var values with usage errors', async () => {
    const { id, run } = await setup();
    await run('templates', 'sync');
    const unknownSlot = await run(
      'campaigns',
      'map',
      id,
      '--template',
      'spring_sale',
      '--language',
      'en_US',
      '--var',
      'body.9=x',
    );
    expect(unknownSlot).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(
        /--var body\.9=x: write SLOT=VALUE with one of body\.1, body\.2, button\.0/,
      ),
    });
    const unclosed = await run('campaigns', 'map', id, '--var', 'body.1=@{First name');
    expect(unclosed).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/does not end with "}"/),
    });
    const twoLanguages = await run('campaigns', 'map', id, '--template', 'spring_sale');
    expect(twoLanguages).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/several languages \(en_US, es\)/),
    });
    const noSuch = await run('campaigns', 'map', id, '--template', 'nope');
    expect(noSuch).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/no template named "nope"/),
    });
  });

  it("sets and undoes a one-click fix with --fix, by key or by the form's label", async () => {
    const { id, run } = await setup();
    await run('templates', 'sync');
    const mapped = await run(
      'campaigns',
      'map',
      id,
      '--template',
      'spring_sale',
      '--language',
      'en_US',
      '--var',
      'body.1=@{First name|there}',
      '--var',
      'body.2=20%',
      '--var',
      'button.0=@{Deal code}',
      '--fix',
      'Button 1: end of the link {{1}}=encode',
    );
    expect(mapped.code, mapped.err).toBe(EXIT.OK);
    expect(mapped.out).toMatch(
      /button\.0\s+@\{Deal code\}\s+\(Link values are encoded \(a space becomes %20\)\)/,
    );
    const json = async () =>
      (JSON.parse((await run('campaigns', 'map', id, '--json')).out) as MessageSetup).mapping;
    expect((await json())['button.0']).toEqual({
      kind: 'column',
      column: 'Deal code',
      fix: 'encode',
    });
    // The fix is in the message: "summer sale" goes out encoded.
    const preview = await run('campaigns', 'preview', id, '--search', 'José', '--json');
    expect(preview.out).toContain('summer%20sale');

    const undone = await run('campaigns', 'map', id, '--fix', 'button.0=none');
    expect(undone.code, undone.err).toBe(EXIT.OK);
    expect((await json())['button.0']).toEqual({ kind: 'column', column: 'Deal code' });

    const onStatic = await run('campaigns', 'map', id, '--fix', 'body.2=spaces');
    expect(onStatic).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/body\.2 is not filled from a column/),
    });
    const unknownFix = await run('campaigns', 'map', id, '--fix', 'body.1=trim');
    expect(unknownFix).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/the fix is one of spaces, encode, none/),
    });
    const unknownSlot = await run('campaigns', 'map', id, '--fix', 'Button 9=encode');
    expect(unknownSlot).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/write SLOT=FIX with one of body\.1, body\.2, button\.0/),
    });
    // Nothing half-applied by a refused command.
    expect((await json())['button.0']).toEqual({ kind: 'column', column: 'Deal code' });
  });
});
