/** The template engine: parse Meta's template JSON, find its variables, map, render, validate, send. */
export * from './types';
export { parseTemplateJson, type TemplateParseResult } from './schema';
export {
  parseTemplateText,
  type TemplateListParseResult,
  type TemplateTextOptions,
} from './parse-text';
export {
  findPlaceholders,
  distinctVariables,
  type Placeholder,
  type PlaceholderKind,
} from './placeholders';
export {
  bodyOf,
  buttonsOf,
  footerOf,
  headerOf,
  offerOf,
  cardsOf,
  cardHeaderOf,
  cardBodyOf,
  cardButtonsOf,
  graphComponents,
} from './components';
export { campaignBlock } from './campaign-block';
export { parseOfferExpiry, offerCountdown, type ExpiryParse } from './offer-expiry';
export { LTO_COUPON_MAX_CHARS, COUPON_MAX_CHARS } from './validate-special';
export { templateSlots, isTextSlot } from './slots';
export { isDynamicUrlButton } from './slot-examples';
export type { Slot, SlotComponent, SlotKind } from './slot-types';
export { templateProblems } from './template-problems';
export {
  parseMappingExpression,
  formatMappingExpression,
  MappingExpressionError,
  type Mapping,
  type MappingSource,
  type MediaSource,
  type LocationValue,
  type ValueFormat,
} from './mapping';
export { resolveValues, mappingProblems, type ResolvedValue, type ValueSource } from './resolve';
export { parseAmount, type AmountParse } from './amount';
export { renderMessage, renderBodyText } from './render';
export type {
  RenderedMessage,
  RenderedHeader,
  RenderedButton,
  RenderedCard,
  RenderedOffer,
  Segment,
} from './rendered';
export {
  parseWhatsAppFormatting,
  formatSegments,
  formattedPlainText,
  type FormatNode,
  type FormatStyle,
  type FormatInput,
} from './formatting';
export * from './cloud-api-types';
export { buildSendBody, SendBodyError, type BuildSendArgs } from './request-body';
export { percentEncodeUrlSuffix, unencodedUrlCharacters } from './url-suffix';
export { applyCellFix, CELL_FIXES, CELL_FIX_TEXT, type CellFix } from './cell-fix';
export {
  validateRecipient,
  PROBLEM_LABEL,
  HEADER_PARAMETER_MAX_CHARS,
  BODY_MAX_CHARS,
  type Problem,
  type ProblemCode,
} from './validate';
export { suggestColumns } from './suggest';
export {
  UTM_KEYS,
  URL_MAX_CHARS,
  appendUtm,
  applyUtm,
  dynamicUrlParts,
  encodeQueryValue,
  hasUtm,
  resolveMessageValues,
  utmBlocked,
  utmProblems,
  utmQuery,
  type UtmAppend,
  type UtmBySlot,
  type UtmKey,
  type UtmParams,
} from './utm';
