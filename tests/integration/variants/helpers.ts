import { dispatch } from '../../../electron/core/api/dispatch';
import type { Core } from '../../../electron/core/service';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { Mapping } from '../../../shared/domain/templates';
import { storeTemplate } from '../sending/helpers';

/** Calls a contract method through the same dispatch both shells use; throws the error message. */
export async function api<K extends MethodName>(
  core: Core,
  method: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const r = await dispatch<K>(core.handlers, method, input, { error: () => undefined });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The contract's error for a call expected to fail. */
export async function refused<K extends MethodName>(
  core: Core,
  method: K,
  input: MethodInput<K>,
): Promise<{ code: string; message: string }> {
  const r = await dispatch<K>(core.handlers, method, input, { error: () => undefined });
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

/** Variant B's message in the sending harness' audience (phone, name, order): the marketing spring sale. */
export const SALE_MAPPING: Mapping = {
  'body.1': { kind: 'column', column: 'name' },
  'body.2': { kind: 'static', value: '20%' },
  'button.0': { kind: 'column', column: 'order' },
};

/** Adds variant B with spring_sale (stored as a sync would), its mapping, and the given split. */
export async function withSaleVariant(
  core: Core,
  campaignId: number,
  split: { A: number; B: number },
  seed = 12345,
) {
  const templateId = storeTemplate(core, 1, 'spring_sale', 'en_US');
  await api(core, 'variants.add', { campaignId, templateId, label: 'Sale' });
  await api(core, 'variants.setMapping', { campaignId, variant: 'B', mapping: SALE_MAPPING });
  return api(core, 'variants.setSplit', { campaignId, shares: split, seed });
}

export const variantRows = (core: Core, campaignId: number) =>
  core.store.sqlite
    .prepare('SELECT id, variant, state, sent_at FROM recipients WHERE campaign_id = ? ORDER BY id')
    .all(campaignId) as {
    id: number;
    variant: string | null;
    state: string;
    sent_at: number | null;
  }[];
