import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/headless/cli-run';
import {
  completeShares,
  parseUtmFlag,
  parseVariantFlag,
} from '../../../electron/headless/cli/commands/settings-parts/variant-flags';
import type { VariantsView } from '../../../shared/api';
import { tempDir } from '../../helpers/tmp';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
  };
}

const CSV = [
  'First name,Phone,Deal code',
  'Maria,+447400123456,spring24',
  'Ann,+447400123457,autumn',
  'José,+14155550101,summer-sale',
  'Ahmed,+14155550102,spring24',
].join('\n');

describe('CLI: campaigns settings, A/B variants and UTM tags', () => {
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
    const id = String(
      (
        JSON.parse((await run('campaigns', 'create', '--name', 'AB', '--json')).out) as {
          id: number;
        }
      ).id,
    );
    const csv = join(d.path, 'c.csv');
    writeFileSync(csv, CSV);
    expect((await run('campaigns', 'import', id, csv)).code).toBe(EXIT.OK);
    expect(
      (
        await run(
          'campaigns',
          'map',
          id,
          '--template',
          'spring_sale',
          '--language',
          'en_US',
          '--var',
          'body.1=@{First name}',
          '--var',
          'body.2=20%',
          '--var',
          'button.0=@{Deal code}',
        )
      ).code,
    ).toBe(EXIT.OK);
    return { id, run };
  };

  it('adds variant B with its own template, mapping, name, 70/30, and tags each variant', async () => {
    const { id, run } = await setup();
    const r = await run(
      'campaigns',
      'settings',
      id,
      '--variant',
      'B=spring_sale@es:30',
      '--variant-var',
      'B:body.1=@{First name|amigo}',
      '--variant-var',
      'B:body.2=25%',
      '--variant-var',
      'B:button.0=@{Deal code}',
      '--variant-label',
      'B=Spanish',
      '--variant-seed',
      '99',
      '--utm',
      'source=whatsapp,medium=campaign,campaign=spring,content={variant}',
      '--json',
    );
    expect(r.code).toBe(EXIT.OK);
    const out = JSON.parse(r.out) as { changed: string[]; settings: { variants: VariantsView } };
    expect(out.changed).toEqual(['variants (A/B A/B 70/30, UTM tags)']);
    const v = out.settings.variants;
    expect(v).toMatchObject({ split: true, seed: 99 });
    expect(
      v.variants.map((x) => [
        x.id,
        x.label,
        x.share,
        `${x.templateName}@${x.templateLanguage}`,
        x.problems,
      ]),
    ).toEqual([
      ['A', 'A', 70, 'spring_sale@en_US', []],
      ['B', 'Spanish', 30, 'spring_sale@es', []],
    ]);
    expect(v.variants[0]!.utm).toEqual({
      'button.0': { source: 'whatsapp', medium: 'campaign', campaign: 'spring', content: 'A' },
    });
    expect(v.variants[1]!.utm).toEqual({
      'button.0': {
        source: 'whatsapp',
        medium: 'campaign',
        campaign: 'spring',
        content: 'Spanish',
      },
    });

    // One variant's tag over the shared ones; the human output lists both variants and their tags.
    const own = await run('campaigns', 'settings', id, '--utm-variant', 'B:content=es_test');
    expect(own.code).toBe(EXIT.OK);
    expect(own.out).toMatch(/A\/B variants: A\/B 70\/30 \(seed 99\)/);
    expect(own.out).toMatch(/B\s+"Spanish"\s+30%\s+spring_sale \(es\)/);
    expect(own.out).toMatch(
      /button\.0 tags: utm_source=whatsapp&utm_medium=campaign&utm_campaign=spring&utm_content=es_test/,
    );
    expect(own.out).toMatch(
      /B mapping: body\.1=@\{First name\|amigo\} body\.2=25% button\.0=@\{Deal code\}/,
    );

    // The preview of variant B's link carries its tags (through the contract, as the app shows it).
    const plain = await run('campaigns', 'settings', id);
    expect(plain.out).toMatch(/utm_content=es_test/);
    const off = await run('campaigns', 'settings', id, '--utm', 'off', '--json');
    expect(
      (
        JSON.parse(off.out) as { settings: { variants: VariantsView } }
      ).settings.variants.variants.map((x) => x.utm),
    ).toEqual([{}, {}]);

    const removed = await run('campaigns', 'settings', id, '--variant-remove', 'B', '--json');
    expect(
      (JSON.parse(removed.out) as { settings: { variants: VariantsView } }).settings.variants,
    ).toMatchObject({ split: false, variants: [{ id: 'A', share: 100 }] });
  });

  it('refuses bad flags with exit code 2 and failed changes with 1, saying why', async () => {
    const { id, run } = await setup();
    expect(await run('campaigns', 'settings', id, '--variant', 'B')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/B=TEMPLATE\[@LANGUAGE\]\[:SHARE\]/),
    });
    expect(await run('campaigns', 'settings', id, '--variant', 'A=spring_sale')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/campaigns map/),
    });
    expect(await run('campaigns', 'settings', id, '--variant', 'C=spring_sale@es')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/add B first/),
    });
    expect(
      await run('campaigns', 'settings', id, '--variant', 'B=spring_sale@es:100'),
    ).toMatchObject({ code: EXIT.USAGE, err: expect.stringMatching(/at least 1%/) });
    // Refused before the first change: B was not added.
    expect(
      (
        JSON.parse((await run('campaigns', 'settings', id, '--json')).out) as {
          settings: { variants: VariantsView };
        }
      ).settings.variants.split,
    ).toBe(false);
    expect(await run('campaigns', 'settings', id, '--variant-label', 'X=y')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/B=NAME/),
    });
    expect(await run('campaigns', 'settings', id, '--variant', 'B=no_such_template')).toMatchObject(
      { code: EXIT.FAILED, err: expect.stringMatching(/no template named "no_such_template"/) },
    );
    expect(await run('campaigns', 'settings', id, '--utm', 'src=x')).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/source, medium, campaign, content/),
    });
    expect(await run('campaigns', 'settings', id, '--variant-seed', 'soon')).toMatchObject({
      code: EXIT.USAGE,
    });
    expect(await run('campaigns', 'settings', id, '--variant-remove', 'A')).toMatchObject({
      code: EXIT.USAGE,
    });
    expect(await run('campaigns', 'settings', id, '--variant-var', 'B:body.1=x')).toMatchObject({
      code: EXIT.FAILED,
      err: expect.stringMatching(/no variant B/),
    });
    expect(
      await run(
        'campaigns',
        'settings',
        id,
        '--variant',
        'B=spring_sale@es',
        '--variant-var',
        'B:body.9=x',
      ),
    ).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringMatching(/body\.1, body\.2, button\.0/),
    });
  });

  it('parses the flag syntax', () => {
    expect(parseVariantFlag('B=order_confirmation_v2:30')).toEqual({
      id: 'B',
      template: { name: 'order_confirmation_v2' },
      share: 30,
    });
    expect(parseVariantFlag('C=spring_sale@es')).toEqual({
      id: 'C',
      template: { name: 'spring_sale', language: 'es' },
    });
    expect(parseVariantFlag('A:70')).toEqual({ id: 'A', share: 70 });
    expect(() => parseVariantFlag('D=x')).toThrow(/B=TEMPLATE/);
    expect(parseUtmFlag('utm_source=wa, medium = chat ,content=a=b', '--utm')).toEqual({
      source: 'wa',
      medium: 'chat',
      content: 'a=b',
    });
    expect(completeShares(['A', 'B'], { B: 30 })).toEqual({ A: 70, B: 30 });
    expect(completeShares(['A', 'B', 'C'], { A: 50 })).toEqual({ A: 50, B: 25, C: 25 });
    expect(completeShares(['A', 'B', 'C'], { C: 1 })).toEqual({ A: 50, B: 49, C: 1 });
    expect(() => completeShares(['A', 'B'], { A: 60, B: 60 })).toThrow(/add up to 120%/);
  });
});
