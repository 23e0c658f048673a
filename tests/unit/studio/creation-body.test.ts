import { describe, expect, it } from 'vitest';
import { creationBody } from '../../../shared/domain/studio';
import { draft } from './helpers';
import { LTO, NAMED_SALE } from './meta-examples';

describe("creationBody: the draft in Meta's creation shape", () => {
  it("sends a copy-code sample as the plain string of Meta's LTO example", () => {
    const body = creationBody(draft(LTO)) as {
      components: { type: string; buttons?: unknown[] }[];
    };
    const buttons = body.components.find((c) => c.type === 'BUTTONS')?.buttons;
    expect(buttons?.[0]).toEqual({ type: 'COPY_CODE', example: 'CARIBE25' });
    expect(buttons?.[1]).toMatchObject({
      example: ['https://awesomedestinations.com/offers?ref=n3mtql'],
    });
    expect(body).not.toHaveProperty('parameter_format');
  });

  it('says parameter_format only when named', () => {
    expect(creationBody(draft(NAMED_SALE))).toMatchObject({ parameter_format: 'named' });
  });
});
