/** The template studio's pure parts: the creation draft, its pre-submission check and fixes. */
export * from './draft';
export * from './findings';
export { parseTemplateDraft } from './parse-draft';
export { checkTemplateDraft, checkTemplateText } from './check';
export { applyAutofix } from './fixes';
export { rejectionInWords, categoryChangeInWords } from './rejections';
export { previewDraft } from './preview';
export { creationBody } from './creation-body';
export { canEdit, editRefusal, EDIT_LIMITS_TEXT } from './edit-rules';
export {
  buttonsNeedingInput,
  libraryCreationBody,
  libraryDraft,
  libraryInputProblem,
  libraryMatches,
  type LibraryButtonInput,
  type LibraryTemplate,
} from './library';
