import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { Core } from '../../../electron/core/service';

/** Calls a method as the shells do: through its zod schema (defaults applied, bad input refused). */
export async function callApi<K extends MethodName>(
  core: Core,
  method: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const r = await dispatch<K>(core.handlers, method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
}
