import { carouselProblems } from './carousel-problems';
import { bodyOf, buttonsOf, footerOf, headerOf } from './components';
import { findPlaceholders, type Placeholder } from './placeholders';
import type { Template } from './types';

const listVars = (ps: readonly Placeholder[]): string =>
  [...new Set(ps.map((p) => `{{${p.name}}}`))].join(', ');

function checkText(
  label: string,
  text: string,
  format: Template['parameter_format'],
  problems: string[],
): Placeholder[] {
  const found = findPlaceholders(text);
  for (const p of found.filter((x) => x.kind === 'invalid')) {
    problems.push(
      `The ${label} contains "${p.raw}", which is not a valid variable: use {{1}}, {{2}}… or lowercase names such as {{first_name}}.`,
    );
  }
  const positional = found.filter((p) => p.kind === 'positional');
  const named = found.filter((p) => p.kind === 'named');
  if (format === 'NAMED' && positional.length > 0) {
    problems.push(
      `The template uses named variables, but the ${label} has numbered ones (${listVars(positional)}).`,
    );
  }
  if (format === 'POSITIONAL' && named.length > 0) {
    problems.push(
      `The template uses numbered variables, but the ${label} has named ones (${listVars(named)}).`,
    );
  }
  if (format === 'POSITIONAL' && positional.length > 0) {
    const numbers = [...new Set(positional.map((p) => Number(p.name)))].sort((a, b) => a - b);
    if (numbers.some((n, i) => n !== i + 1)) {
      problems.push(
        `The ${label}'s variables should be numbered {{1}} to {{${numbers.length}}} without gaps; it has ${numbers.map((n) => `{{${n}}}`).join(', ')}.`,
      );
    }
  }
  return found.filter((p) => p.kind !== 'invalid');
}

/**
 * Problems in the template definition itself (as opposed to one recipient's values). Meta normally
 * refuses such templates at review, so these mostly catch hand-written or edited JSON.
 */
export function templateProblems(t: Template): string[] {
  const problems = templateOwnProblems(t);
  problems.push(
    ...carouselProblems(t, (label, text) => checkText(label, text, t.parameter_format, problems)),
  );
  return problems;
}

function templateOwnProblems(t: Template): string[] {
  const problems: string[] = [];
  const format = t.parameter_format;

  const header = headerOf(t);
  if (header?.format === 'TEXT') {
    const vars = new Set(
      checkText('header', header.text ?? '', format, problems).map((p) => p.name),
    );
    if (vars.size > 1)
      problems.push(`A text header can have at most one variable; this one has ${vars.size}.`);
  }

  const body = bodyOf(t);
  if (body) checkText('body', body.text, format, problems);

  const footer = footerOf(t);
  if (footer && findPlaceholders(footer.text).length > 0)
    problems.push('The footer cannot have variables.');

  buttonsOf(t).forEach((b, i) => {
    const label = `button ${i + 1} ("${b.text}")`;
    if (b.unknownType) {
      problems.push(
        `The ${label} has the type "${b.type}", which Campaign Desk does not know; it is shown but cannot be filled in.`,
      );
    }
    if (b.type !== 'URL') return;
    const url = b.url ?? '';
    const vars = checkText(`URL of ${label}`, url, format, problems);
    const last = vars[vars.length - 1];
    if (vars.length > 1 || (last !== undefined && last.end !== url.length)) {
      problems.push(`The URL of ${label} must have at most one variable, at its very end.`);
    }
  });
  return problems;
}
