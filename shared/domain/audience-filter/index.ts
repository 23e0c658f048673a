/** Audience filters: the model, its schema and bounds, the one evaluator, and how cells are read. */
export * from './types';
export {
  filterSchema,
  normalizeFilter,
  parseFilter,
  type ConditionInput,
  type GroupInput,
  type FilterInput,
} from './schema';
export { compileFilter, matchesFields, type CompiledFilter, type ReadCheck } from './compile';
export { parseNumber, formatNumber } from './numbers';
export { parseDate, parseIsoDay } from './dates';
export { defaultDecimal, defaultDateOrder, DECIMAL_LABEL, DATE_ORDER_LABEL } from './locale';
export { OP_LABEL, describeFilter, countConditions } from './describe';
export { parseConditionExpression, ExpressionError } from './expression';
export { canonicalFilterJson } from './canonical';
