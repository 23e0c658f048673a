/** Template translations: which of a template family's languages each recipient gets. */
export {
  languageChoiceSchema,
  languageForRow,
  languageChoiceProblems,
  countByLanguage,
  FIXED_LANGUAGE,
  type LanguageChoice,
  type LanguageRow,
  type RowLanguage,
  type LanguageCount,
  type LanguagePlan,
  type FellBackRecipient,
} from './choice';
export { languageOfValue, namesOfLanguage, splitLanguageCode } from './language-value';
export { languageOfCountry } from './country-language';
