/** What the pre-submission check reports: one finding per problem, with the rule and the fix. */

export type CheckRule =
  | 'name'
  | 'language'
  | 'category'
  | 'structure'
  | 'length'
  | 'placeholder-syntax'
  | 'placeholder-format'
  | 'placeholder-sequence'
  | 'variable-at-edge'
  | 'adjacent-variables'
  | 'too-many-variables'
  | 'examples'
  | 'header-text'
  | 'header-media-sample'
  | 'footer'
  | 'buttons'
  | 'url-button'
  | 'forbidden-content'
  | 'promotional-utility'
  | 'limited-time-offer'
  | 'carousel';

/**
 * Where a finding points, so the editor can show it beside the field: `name`, `category`,
 * `header`, `body`, `footer`, `limited_time_offer`, `buttons.N`, `cards.N.body`, `cards.N.buttons.M`…
 */
export type FieldRef = string;

/** A one-click fix: the new value of one text field (or of the category, or dropping a component). */
export type Autofix =
  | { kind: 'set'; field: FieldRef; value: string; label: string }
  | { kind: 'remove'; field: FieldRef; label: string };

export interface CheckFinding {
  rule: CheckRule;
  /** `error`: Meta rejects this (per its pages); `warning`: Meta may reject it or re-categorise. */
  severity: 'error' | 'warning';
  field: FieldRef;
  message: string;
  fix: string;
  autofix?: Autofix;
}

export interface CheckResult {
  ok: boolean;
  errors: number;
  warnings: number;
  findings: CheckFinding[];
}

export function summarise(findings: CheckFinding[]): CheckResult {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { ok: errors === 0, errors, warnings: findings.length - errors, findings };
}
