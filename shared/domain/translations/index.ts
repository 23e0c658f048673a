/** Template translations: which of a template family's languages each recipient gets. */
export {
  languageChoiceSchema,
  languageForRow,
  languageChoiceProblems,
  countByLanguage,
  FIXED_LANGUAGE,
  type LanguageChoice,
  type LanguagePlan,
  type FellBackRecipient,
  type RowLanguage,
} from './choice';
export { languageOfValue } from './language-value';
export { languageOfCountry } from './country-language';
