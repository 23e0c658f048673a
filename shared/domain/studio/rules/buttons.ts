import { findPlaceholders } from '../../templates/placeholders';
import type { TemplateButton } from '../../templates/types';
import { draftButtons, type TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';
import { LIMITS } from '../limits';

/** Button types the studio writes; others (OTP, FLOW, CATALOG, MPM…) are kept but not checked. */
const STUDIO_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE'];
/** Meta no longer accepts wa.me links in templates (rejection reason; verified on Meta's guidelines). */
const WA_ME = /(^|\/\/|\s)(wa\.me|api\.whatsapp\.com)\//i;
/** Shortened links hide where they lead; Meta's guidelines ask for full URLs (assumed: a warning). */
const SHORTENERS = /\/\/(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|cutt\.ly|rb\.gy)\//i;

function countRules(buttons: readonly TemplateButton[], field: string, out: CheckFinding[]): void {
  const count = (t: string) => buttons.filter((b) => b.type === t).length;
  const caps: [string, string, number][] = [
    ['URL', 'website', LIMITS.urlButtons],
    ['PHONE_NUMBER', 'phone', LIMITS.phoneButtons],
    ['COPY_CODE', 'copy-code', LIMITS.copyCodeButtons],
  ];
  if (buttons.length > LIMITS.buttons)
    out.push({
      rule: 'buttons',
      severity: 'error',
      field,
      message: `The template has ${buttons.length} buttons; Meta allows at most ${LIMITS.buttons}.`,
      fix: 'Remove buttons until there are 10 or fewer.',
    });
  for (const [type, label, max] of caps)
    if (count(type) > max)
      out.push({
        rule: 'buttons',
        severity: 'error',
        field,
        message: `The template has ${count(type)} ${label} buttons; Meta allows ${max}.`,
        fix: `Keep ${max} ${label} button${max === 1 ? '' : 's'}.`,
      });
}

function urlRules(b: TemplateButton, field: string, out: CheckFinding[]): void {
  const url = b.url ?? '';
  const base = { rule: 'url-button' as const, field };
  if (!/^https?:\/\/[^\s/]+\.[^\s]+/i.test(url))
    out.push({
      ...base,
      severity: 'error',
      message: `The button "${b.text}" has no valid web address ("${url}").`,
      fix: 'Use a full address starting with https://.',
    });
  if (url.length > LIMITS.url)
    out.push({
      ...base,
      rule: 'length',
      severity: 'error',
      message: `The address of "${b.text}" has ${url.length} characters; Meta allows ${LIMITS.url}.`,
      fix: 'Use a shorter address.',
    });
  if (WA_ME.test(url))
    out.push({
      ...base,
      severity: 'error',
      message: `The button "${b.text}" links to WhatsApp (wa.me); Meta rejects such links in templates.`,
      fix: 'Link to your website instead, or add a phone button.',
    });
  if (SHORTENERS.test(url))
    out.push({
      ...base,
      severity: 'warning',
      message: `The button "${b.text}" uses a link shortener; Meta's reviewers may reject links that hide where they lead.`,
      fix: 'Use the full address of your own site.',
    });
  const vars = findPlaceholders(url);
  const last = vars[vars.length - 1];
  if (vars.length > 1 || (last && last.end !== url.length))
    out.push({
      ...base,
      severity: 'error',
      message: `The address of "${b.text}" must have at most one variable, at its very end.`,
      fix: 'Move the variable to the end, e.g. https://shop.example/track/{{1}}.',
    });
  if (vars.length > 0 && !(b.example?.[0] ?? '').startsWith('http'))
    out.push({
      ...base,
      rule: 'examples',
      severity: 'error',
      message: `The address of "${b.text}" has a variable but no sample address.`,
      fix: 'Give a full sample address, e.g. https://shop.example/track/A1234.',
    });
}

function buttonRules(b: TemplateButton, i: number, field: string, out: CheckFinding[]): void {
  const label = `button ${i + 1}`;
  if (!STUDIO_TYPES.includes(b.type)) {
    out.push({
      rule: 'buttons',
      severity: 'warning',
      field,
      message: `The ${label} is a ${b.type} button, which the studio does not check.`,
      fix: "Check it against Meta's page for that button type before submitting.",
    });
    return;
  }
  if (b.type !== 'COPY_CODE' && b.text.trim() === '')
    out.push({
      rule: 'buttons',
      severity: 'error',
      field,
      message: `The ${label} has no label.`,
      fix: 'Write a short label such as "Track order".',
    });
  if (b.text.length > LIMITS.buttonText)
    out.push({
      rule: 'length',
      severity: 'error',
      field,
      message: `The label "${b.text}" has ${b.text.length} characters; Meta allows ${LIMITS.buttonText}.`,
      fix: 'Shorten the label.',
    });
  if (findPlaceholders(b.text).length > 0)
    out.push({
      rule: 'buttons',
      severity: 'error',
      field,
      message: `The label of ${label} has a variable; button labels are fixed.`,
      fix: 'Remove the variable from the label.',
    });
  if (b.type === 'URL') urlRules(b, field, out);
  if (b.type === 'PHONE_NUMBER' && !/^\+?[0-9][0-9 ]{5,}$/.test(b.phone_number ?? ''))
    out.push({
      rule: 'buttons',
      severity: 'error',
      field,
      message: `The phone button "${b.text}" has no valid number.`,
      fix: 'Write the number with its country code, e.g. +44 20 7946 0000.',
    });
  if (b.type === 'PHONE_NUMBER' && (b.phone_number ?? '').length > LIMITS.phone)
    out.push({
      rule: 'length',
      severity: 'error',
      field,
      message: `The phone number of "${b.text}" is longer than ${LIMITS.phone} characters.`,
      fix: 'Write only the number with its country code.',
    });
  if (b.type === 'COPY_CODE') {
    const code = b.example?.[0] ?? '';
    if (code === '' || code.length > LIMITS.copyCode)
      out.push({
        rule: 'buttons',
        severity: 'error',
        field,
        message:
          code === ''
            ? 'The copy-code button has no sample code.'
            : `The sample code "${code}" has ${code.length} characters; Meta allows ${LIMITS.copyCode}.`,
        fix: 'Give a sample code of up to 15 characters, e.g. SUMMER25.',
      });
  }
}

/** Checks a list of buttons; `prefix` is `buttons` or `cards.N.buttons`. */
export function checkButtonList(
  buttons: readonly TemplateButton[],
  prefix: string,
): CheckFinding[] {
  const out: CheckFinding[] = [];
  countRules(buttons, prefix, out);
  buttons.forEach((b, i) => buttonRules(b, i, `${prefix}.${i}`, out));
  return out;
}

export const buttonRulesOf = (d: TemplateDraft): CheckFinding[] =>
  checkButtonList(draftButtons(d), 'buttons');
