/** The template engine: parse Meta's template JSON, find its variables, map, render, validate, send. */
export * from './types';
export { parseTemplateJson } from './schema';
export { parseTemplateText } from './parse-text';
export { findPlaceholders, distinctVariables } from './placeholders';
export { buttonsOf, offerOf, cardsOf, cardButtonsOf, graphComponents } from './components';
export { campaignBlock } from './campaign-block';
export { parseOfferExpiry, offerCountdown } from './offer-expiry';
export { LTO_COUPON_MAX_CHARS } from './validate-special';
export { templateSlots } from './slots';
export { isDynamicUrlButton } from './slot-examples';
export type { Slot, SlotKind } from './slot-types';
export { templateProblems } from './template-problems';
export {
  parseMappingExpression,
  formatMappingExpression,
  MappingExpressionError,
  type Mapping,
  type MappingSource,
  type MediaSource,
} from './mapping';
export { resolveValues, mappingProblems, type ResolvedValue } from './resolve';
export { parseAmount } from './amount';
export { renderMessage, renderBodyText } from './render';
export type { RenderedMessage, RenderedCard, RenderedOffer, Segment } from './rendered';
export {
  parseWhatsAppFormatting,
  formatSegments,
  formattedPlainText,
  type FormatNode,
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
  encodeQueryValue,
  hasUtm,
  resolveMessageValues,
  utmBlocked,
  utmProblems,
  utmQuery,
  type UtmBySlot,
  type UtmKey,
  type UtmParams,
} from './utm';
