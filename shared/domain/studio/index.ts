/** The template studio's pure parts: the creation draft, its pre-submission check and fixes. */
export * from './draft';
export * from './findings';
export { LIMITS } from './limits';
export { parseTemplateDraft, parseTemplateDraftText, type DraftParseResult } from './parse-draft';
export { checkTemplateDraft, checkTemplateText } from './check';
export { applyAutofix } from './fixes';
export { wordsFound } from './rules/content';
export { renumber, snakeName } from './rules/variables';
export { rejectionInWords, categoryChangeInWords } from './rejections';
export { previewDraft } from './preview';
export { creationBody } from './creation-body';
export { canEdit, editRefusal, EDIT_LIMITS_TEXT, EDITABLE_STATUSES } from './edit-rules';
export {
  buttonsNeedingInput,
  libraryCreationBody,
  libraryDraft,
  libraryInputProblem,
  libraryMatches,
  type LibraryButton,
  type LibraryButtonInput,
  type LibraryTemplate,
} from './library';
