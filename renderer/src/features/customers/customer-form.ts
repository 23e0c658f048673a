import type { CustomerDetail, MethodInput } from '../../../../shared/api';

export interface DetailRow {
  key: string;
  name: string;
  value: string;
  /** Already on the customer: its name is fixed (emptying the value removes it). */
  known: boolean;
}

export interface FormState {
  phone: string;
  details: DetailRow[];
  labels: string[];
  marketing: 'keep' | 'accepted' | 'declined';
}

let nextKey = 0;
const key = () => `d${++nextKey}`;

export const blankDetail = (name = ''): DetailRow => ({
  key: key(),
  name,
  value: '',
  known: false,
});

export const emptyForm = (): FormState => ({
  phone: '',
  details: [blankDetail('Name')],
  labels: [],
  marketing: 'keep',
});

export function formFromCustomer(c: CustomerDetail): FormState {
  return {
    phone: c.phone,
    details: Object.entries(c.attributes).map(([name, value]) => ({
      key: key(),
      name,
      value,
      known: true,
    })),
    labels: c.labels,
    marketing: 'keep',
  };
}

/** Per detail row, what is wrong with its name in the owner's words, or null. */
export function detailProblems(form: FormState): (string | null)[] {
  const seen = new Set<string>();
  return form.details.map((d) => {
    const name = d.name.trim();
    if (name === '') return d.value.trim() === '' ? null : 'Give this detail a name.';
    const folded = name.toLowerCase();
    if (seen.has(folded)) return `There is already a detail called “${name}”.`;
    seen.add(folded);
    return null;
  });
}

/**
 * The save call: rows without a name and value are dropped; a known detail emptied is sent empty
 * (the core removes it); labels replace the customer's.
 */
export function saveInput(
  form: FormState,
  editing: CustomerDetail | null,
): MethodInput<'customers.save'> {
  const attributes: Record<string, string> = {};
  for (const d of form.details) {
    const name = d.name.trim();
    if (name !== '' && (d.value.trim() !== '' || d.known)) attributes[name] = d.value;
  }
  return {
    phone: editing ? editing.phone : form.phone.trim(),
    attributes,
    labels: form.labels,
    create: editing === null,
    ...(form.marketing === 'keep' ? {} : { marketing: form.marketing }),
  };
}
