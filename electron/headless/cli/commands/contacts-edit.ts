import { call, EXIT, print, str, strings, UsageError, type Command, type Ctx } from '../framework';
import { country, describe } from './contacts';

/** "City=Leeds" → ["City", "Leeds"]; "City=" removes the detail (editing only). */
function details(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of strings(ctx, 'set')) {
    const at = raw.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--set takes NAME=VALUE, such as --set "First Name=Ann", not "${raw}".`);
    out[raw.slice(0, at).trim()] = raw.slice(at + 1);
  }
  return out;
}

function marketing(raw: string | undefined): 'accepted' | 'declined' | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (v === 'yes') return 'accepted';
  if (v === 'no') return 'declined';
  throw new UsageError(`--marketing is yes or no, not "${raw}".`);
}

const OPTIONS = {
  set: { type: 'string', multiple: true },
  label: { type: 'string', multiple: true },
  'no-labels': { type: 'boolean' },
  marketing: { type: 'string' },
  country: { type: 'string' },
} as const;

async function save(ctx: Ctx, create: boolean): Promise<number> {
  const cc = country(str(ctx, 'country'));
  const labels = strings(ctx, 'label');
  const answer = marketing(str(ctx, 'marketing'));
  const r = await call(ctx.core(), 'customers.save', {
    phone: ctx.args.phone!,
    attributes: details(ctx),
    create,
    ...(labels.length > 0 || ctx.values['no-labels'] === true ? { labels } : {}),
    ...(answer ? { marketing: answer } : {}),
    ...(cc ? { defaultCountry: cc } : {}),
  });
  print(ctx, r, () =>
    [r.created ? 'Added to the customer book:' : 'Saved:', describe(r.customer)].join('\n'),
  );
  return EXIT.OK;
}

/** contacts add / contacts edit: one customer by hand, as the Customers page's form does. */
export const contactEditCommands: Command[] = [
  {
    path: ['contacts', 'add'],
    args: ['phone'],
    options: OPTIONS,
    usage:
      'contacts add <phone> [--set NAME=VALUE ...] [--label L ...] [--marketing yes|no] [--country CC]',
    summary: 'Add one customer by hand (refused if the number is already in the book)',
    run: (ctx) => save(ctx, true),
  },
  {
    path: ['contacts', 'edit'],
    args: ['phone'],
    options: OPTIONS,
    usage:
      'contacts edit <phone> [--set NAME=VALUE ...] [--set NAME= (removes)] [--label L ... | --no-labels] [--marketing yes|no] [--country CC]',
    summary:
      'Change one customer: details (NAME= removes one), labels (replaced when given), marketing answer',
    run: (ctx) => save(ctx, false),
  },
];
