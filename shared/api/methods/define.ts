import type { z } from 'zod';

/** A contract method: its input schema, and its output type carried as a phantom. */
export function method<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}
