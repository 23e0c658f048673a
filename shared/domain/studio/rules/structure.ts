import { findPlaceholders } from '../../templates/placeholders';
import { draftPart, TEMPLATE_CATEGORIES, type TemplateDraft } from '../draft';
import type { CheckFinding } from '../findings';
import { LIMITS } from '../limits';
import { snakeName } from './variables';

const EMOJI = /\p{Extended_Pictographic}\uFE0F?/gu;
const HAS_EMOJI = /\p{Extended_Pictographic}/u;
/** Meta's components page: "Do not use Markdown special characters in this component." */
const MARKDOWN = /[*_~`]/g;
const HAS_MARKDOWN = /[*_~`]/;

function too(field: string, label: string, text: string, max: number): CheckFinding | null {
  if (text.length <= max) return null;
  return {
    rule: 'length',
    severity: 'error',
    field,
    message: `The ${label} has ${text.length} characters; Meta allows at most ${max}.`,
    fix: `Shorten it by ${text.length - max} character${text.length - max === 1 ? '' : 's'}.`,
  };
}

function identity(d: TemplateDraft, out: CheckFinding[]): void {
  if (!/^[a-z0-9_]+$/.test(d.name)) {
    const fixed = snakeName(d.name);
    out.push({
      rule: 'name',
      severity: 'error',
      field: 'name',
      message: d.name
        ? `The name "${d.name}" may only have lowercase letters, digits and underscores.`
        : 'The template has no name.',
      fix: fixed ? `Use "${fixed}".` : 'Give it a name such as "order_shipped".',
      ...(fixed && {
        autofix: { kind: 'set', field: 'name', value: fixed, label: `Use "${fixed}"` },
      }),
    });
  }
  const long = too('name', 'name', d.name, LIMITS.name);
  if (long) out.push({ ...long, rule: 'name' });
  if (!/^[a-z]{2,3}(_[A-Z][A-Za-z]{1,3})?$/.test(d.language))
    out.push({
      rule: 'language',
      severity: 'error',
      field: 'language',
      message: d.language
        ? `"${d.language}" is not one of Meta's language codes.`
        : 'The template has no language.',
      fix: 'Choose a language code such as en, en_US, es or pt_BR.',
    });
  if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(d.category))
    out.push({
      rule: 'category',
      severity: 'error',
      field: 'category',
      message: d.category
        ? `"${d.category}" is not a template category.`
        : 'The template has no category.',
      fix: 'Choose MARKETING, UTILITY or AUTHENTICATION.',
    });
  else if (d.category === 'AUTHENTICATION')
    out.push({
      rule: 'category',
      severity: 'warning',
      field: 'category',
      message:
        "Authentication templates use Meta's fixed wording and an OTP button; this check does not cover them.",
      fix: 'Create authentication templates in WhatsApp Manager, or use UTILITY for other service messages.',
    });
}

function header(d: TemplateDraft, out: CheckFinding[]): void {
  const h = draftPart(d, 'HEADER');
  if (h?.format !== 'TEXT') return;
  const text = h.text ?? '';
  const long = too('header', 'header', text, LIMITS.headerText);
  if (long) out.push(long);
  const vars = new Set(findPlaceholders(text).map((p) => p.name));
  if (vars.size > 1)
    out.push({
      rule: 'header-text',
      severity: 'error',
      field: 'header',
      message: `A text header can have one variable; this one has ${vars.size}.`,
      fix: 'Keep one variable in the header and move the others to the body.',
    });
  const outside = text.replace(/\{\{[^{}]*\}\}/g, ' ');
  const bad = [
    /\n/.test(outside) && 'a line break',
    HAS_EMOJI.test(outside) && 'emoji',
    HAS_MARKDOWN.test(outside) && 'formatting characters (* _ ~ `)',
  ].filter(Boolean);
  if (bad.length > 0) {
    // Only the words outside the variables are cleaned: `{{sale_date}}` keeps its underscore.
    const clean = text
      .split(/(\{\{[^{}]*\}\})/)
      .map((part, i) =>
        i % 2 === 1
          ? part
          : part
              .replace(/\s*\n\s*/g, ' ')
              .replace(EMOJI, '')
              .replace(MARKDOWN, ''),
      )
      .join('')
      .replace(/ {2,}/g, ' ')
      .trim();
    out.push({
      rule: 'header-text',
      severity: 'error',
      field: 'header',
      message: `The header has ${bad.join(' and ')}, which Meta does not allow in a text header.`,
      fix: 'Remove them; put emoji and formatting in the body.',
      autofix: { kind: 'set', field: 'header', value: clean, label: 'Remove them' },
    });
  }
}

function bodyAndFooter(d: TemplateDraft, out: CheckFinding[]): void {
  const body = draftPart(d, 'BODY');
  if (!body || body.text.trim() === '')
    out.push({
      rule: 'structure',
      severity: 'error',
      field: 'body',
      message: 'The template has no body text.',
      fix: 'Write the message in the body; it is the only required part.',
    });
  else {
    const max = draftPart(d, 'LIMITED_TIME_OFFER') ? LIMITS.ltoBody : LIMITS.body;
    const long = too('body', 'body', body.text, max);
    if (long) out.push(long);
  }
  const footer = draftPart(d, 'FOOTER');
  if (!footer) return;
  const long = too('footer', 'footer', footer.text, LIMITS.footer);
  if (long) out.push(long);
  if (findPlaceholders(footer.text).length > 0)
    out.push({
      rule: 'footer',
      severity: 'error',
      field: 'footer',
      message: 'The footer cannot have variables.',
      fix: 'Remove the variables from the footer, or move them to the body.',
      autofix: {
        kind: 'set',
        field: 'footer',
        value: footer.text.replace(/\s*\{\{[^{}]*\}\}/g, '').trim(),
        label: 'Remove the variables',
      },
    });
}

/** Name, language, category, lengths, and the header/footer text rules. */
export function structureRules(d: TemplateDraft): CheckFinding[] {
  const out: CheckFinding[] = [];
  identity(d, out);
  header(d, out);
  bodyAndFooter(d, out);
  return out;
}
