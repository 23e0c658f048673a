/** Audience filters: the model, its schema and bounds, the one evaluator, and how cells are read. */
export * from './types';
export {
  conditionSchema,
  groupSchema,
  filterSchema,
  filterLimitProblems,
  normalizeFilter,
  parseFilter,
  type ConditionInput,
  type GroupInput,
  type FilterInput,
} from './schema';
export {
  compileFilter,
  cellsOf,
  matchesFields,
  type Cells,
  type CompiledFilter,
  type ReadCheck,
} from './compile';
export { foldText, isBlank } from './text';
export { parseNumber, formatNumber } from './numbers';
export { parseDate, parseIsoDay, dayNumber, formatDay } from './dates';
export { defaultDecimal, defaultDateOrder, DECIMAL_LABEL, DATE_ORDER_LABEL } from './locale';
export {
  OP_LABEL,
  describeCondition,
  describeFilter,
  describeReading,
  countConditions,
} from './describe';
export { parseConditionExpression, ExpressionError } from './expression';
export { canonicalFilterJson } from './canonical';
