import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, eventNames, methodNames, methods } from '../../shared/api';
import { canDeleteCampaign } from '../../shared/domain/campaigns';
import { APP_VERSION } from '../../electron/core/version';

describe('the contract', () => {
  it('lists the same method names for the preload as the schema map', () => {
    expect([...METHOD_NAMES].sort()).toEqual([...methodNames].sort());
    expect([...EVENT_NAMES].sort()).toEqual([...eventNames].sort());
  });

  it('starts with the methods the foundation needs', () => {
    for (const m of [
      'app.info',
      'accounts.list',
      'campaigns.list',
      'campaigns.create',
      'campaigns.get',
      'campaigns.rename',
      'campaigns.delete',
    ]) {
      expect(methodNames).toContain(m);
    }
  });

  it('rejects unknown keys and wrong types in every method input', () => {
    for (const name of methodNames) {
      const schema = methods[name].input;
      expect(schema.safeParse({ unexpected: true }).success, name).toBe(false);
      expect(schema.safeParse('a string').success, name).toBe(false);
    }
  });

  it('trims campaign names and refuses blank, overlong or control-character names', () => {
    const create = methods['campaigns.create'].input;
    expect(create.parse({ name: '  Spring sale ' })).toEqual({ name: 'Spring sale' });
    expect(create.safeParse({ name: '   ' }).success).toBe(false);
    expect(create.safeParse({ name: 'x'.repeat(121) }).success).toBe(false);
    expect(create.safeParse({ name: 'bad\u0007name' }).success).toBe(false);
    expect(methods['campaigns.get'].input.safeParse({ id: 1.5 }).success).toBe(false);
    expect(methods['campaigns.get'].input.safeParse({ id: -1 }).success).toBe(false);
  });

  it('keeps APP_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('allows deleting drafts only', () => {
    expect(canDeleteCampaign('draft')).toBe(true);
    for (const s of ['scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const)
      expect(canDeleteCampaign(s)).toBe(false);
  });
});
