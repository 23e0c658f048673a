import type { TemplateDraft } from './draft';
import { summarise, type CheckFinding, type CheckResult } from './findings';
import { parseTemplateDraftText } from './parse-draft';
import { bodyRules } from './rules/body';
import { buttonRulesOf } from './rules/buttons';
import { contentRules } from './rules/content';
import { exampleRules } from './rules/examples';
import { formatRules } from './rules/formats';
import { structureRules } from './rules/structure';
import { placeholderRules } from './rules/variables';

const RULE_SETS: readonly ((d: TemplateDraft) => CheckFinding[])[] = [
  structureRules,
  placeholderRules,
  bodyRules,
  exampleRules,
  buttonRulesOf,
  formatRules,
  contentRules,
];

/**
 * The pre-submission check: what Meta would reject (errors) or re-categorise (warnings), each
 * with the rule and a fix, so a template is right before it is submitted. Pure and synchronous;
 * the bounds in the parser keep it fast on any input.
 */
export function checkTemplateDraft(d: TemplateDraft): CheckResult {
  return summarise(RULE_SETS.flatMap((rules) => rules(d)));
}

/** Checks a JSON file's text; a file that does not parse yields one `structure` finding per error. */
export function checkTemplateText(text: string): CheckResult & { draft: TemplateDraft | null } {
  const parsed = parseTemplateDraftText(text);
  if (!parsed.ok)
    return {
      ...summarise(
        parsed.errors.map((message) => ({
          rule: 'structure',
          severity: 'error',
          field: 'template',
          message,
          fix: "Correct the JSON so it has Meta's creation shape: name, language, category, components.",
        })),
      ),
      draft: null,
    };
  return { ...checkTemplateDraft(parsed.draft), draft: parsed.draft };
}
