import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AudiencePreview } from '../../../shared/api';
import { harness, value, type Harness } from '../import/helpers';

describe("the business's country", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is asked once, and reads numbers without +code once answered (the Sandbox US no more)', async () => {
    h = await harness();
    const c = h.core.handlers;
    expect(await c['settings.businessCountry']({})).toEqual({ country: null, asked: false });
    const file = join(h.dir, 'fr.csv');
    writeFileSync(file, 'name;phone\nAmélie;06 12 34 56 78\nBruno;07 81 23 45 67\n');

    const before = value(await h.previewFile(file)) as AudiencePreview;
    expect(before.defaultCountry).toBe('US');
    expect(before.phones.every((p) => !p.ok)).toBe(true);

    expect(await c['settings.setBusinessCountry']({ country: 'FR' })).toEqual({
      country: 'FR',
      asked: true,
    });
    const after = value(await h.previewFile(file)) as AudiencePreview;
    expect(after.defaultCountry).toBe('FR');
    expect(after.phones).toMatchObject([
      { ok: true, e164: '+33612345678' },
      { ok: true, e164: '+33781234567' },
    ]);
    // "Many countries" is an answer too: not asked again, and no country assumed.
    expect(await c['settings.setBusinessCountry']({ country: null })).toEqual({
      country: null,
      asked: true,
    });
  });

  it('a real account with its own country keeps it', async () => {
    h = await harness();
    const c = h.core.handlers;
    await c['settings.setBusinessCountry']({ country: 'FR' });
    const shop = await c['accounts.add']({
      name: 'Lisboa',
      phoneNumberId: '1234567890',
      wabaId: '9876543210',
      defaultCountry: 'PT',
    });
    const campaign = await c['campaigns.create']({ name: 'PT', accountId: shop.id });
    const file = join(h.dir, 'pt.csv');
    writeFileSync(file, 'name,phone\nAna,912 345 678\n');
    const { dispatch } = await import('../../../electron/core/api/dispatch');
    const r = await dispatch(
      h.core.handlers,
      'audience.preview',
      { campaignId: campaign.id, file: { kind: 'path', path: file }, options: {} },
      { error: () => undefined },
    );
    expect(value(r) as AudiencePreview).toMatchObject({ defaultCountry: 'PT' });
  });

  it('refuses a code that is no country', async () => {
    h = await harness();
    await expect(
      Promise.resolve().then(() =>
        h!.core.handlers['settings.setBusinessCountry']({ country: 'XX' }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
