import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api';

/** A handler per contract method; each feature provides the handlers for its own methods. */
export type Handler<K extends MethodName> = (
  input: ParsedInput<K>,
) => MethodOutput<K> | Promise<MethodOutput<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

export type HandlersFor<M> = { [K in keyof M & MethodName]: Handler<K> };
