import { describe, expect, it } from 'vitest';
import { mappingSchema, methods } from '../../shared/api';

describe('the templates contract', () => {
  it('accepts each kind of mapping source and refuses malformed ones', () => {
    const good = {
      'header.media': { kind: 'media', media: { type: 'link', url: 'https://x.test/a.jpg' } },
      'body.1': { kind: 'column', column: 'First name', fallback: 'there' },
      'body.amount': { kind: 'static', value: '$10', as: { type: 'currency', code: 'USD' } },
      'header.location': {
        kind: 'location',
        location: { latitude: '37.44', longitude: '-122.16', name: 'Shop' },
      },
      'button.0': { kind: 'column', column: 'Code' },
    };
    expect(mappingSchema.safeParse(good).success).toBe(true);
    for (const bad of [
      { 'body 1': { kind: 'static', value: 'x' } },
      { 'body.1': { kind: 'column', column: '' } },
      { 'body.1': { kind: 'column', column: 'a', extra: 1 } },
      { 'body.1': { kind: 'static', value: 'x', as: { type: 'currency', code: 'dollars' } } },
      { 'body.1': { kind: 'sql', value: 'x' } },
      { 'header.location': { kind: 'location', location: { latitude: 'north', longitude: '1' } } },
      { 'body.1': { kind: 'static', value: 'x'.repeat(1025) } },
    ]) {
      expect(mappingSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });

  it('preview takes one recipient selector at a time or a search, with positive numbers', () => {
    const preview = methods['campaigns.preview'].input;
    expect(preview.safeParse({ campaignId: 1, row: 2 }).success).toBe(true);
    expect(preview.safeParse({ campaignId: 1, search: '  ana ' }).data).toEqual({
      campaignId: 1,
      search: 'ana',
    });
    expect(preview.safeParse({ campaignId: 1, row: 0 }).success).toBe(false);
    expect(preview.safeParse({ campaignId: 1, search: '' }).success).toBe(false);
  });

  it('rate edits are bounded prices per known category', () => {
    const setRates = methods['pricing.setRates'].input;
    expect(setRates.safeParse({ prices: { GB: { MARKETING: 0.05 } } }).success).toBe(true);
    expect(setRates.safeParse({ prices: { GB: { MARKETING: -0.05 } } }).success).toBe(false);
    expect(setRates.safeParse({ prices: { GB: { SERVICE: 0 } } }).success).toBe(false);
    expect(setRates.safeParse({ reset: true }).success).toBe(true);
  });
});
