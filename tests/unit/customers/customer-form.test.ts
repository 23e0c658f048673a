import { describe, expect, it } from 'vitest';
import type { CustomerDetail } from '../../../shared/api';
import {
  blankDetail,
  detailProblems,
  emptyForm,
  formFromCustomer,
  saveInput,
} from '../../../renderer/src/features/customers/customer-form';

const ann = {
  phone: '+447911123456',
  attributes: { Name: 'Ann', City: 'Leeds' },
  labels: ['vip'],
} as unknown as CustomerDetail;

describe('the customer form', () => {
  it('names a detail without a name, and a repeated name, in words; an empty row is fine', () => {
    const form = emptyForm();
    form.details.push({ ...blankDetail(), value: 'Bath' }, blankDetail('name'), blankDetail());
    expect(detailProblems(form)).toEqual([
      null,
      'Give this detail a name.',
      'There is already a detail called “name”.',
      null,
    ]);
  });

  it('adds with the typed number and only filled details; edits send an emptied known detail to remove it', () => {
    const adding = emptyForm();
    adding.phone = ' 07911 123456 ';
    adding.details[0]!.value = 'Eve';
    adding.details.push(blankDetail('City'));
    adding.marketing = 'declined';
    expect(saveInput(adding, null)).toEqual({
      phone: '07911 123456',
      attributes: { Name: 'Eve' },
      labels: [],
      create: true,
      marketing: 'declined',
    });

    const editing = formFromCustomer(ann);
    editing.details[1]!.value = '';
    expect(saveInput(editing, ann)).toEqual({
      phone: '+447911123456',
      attributes: { Name: 'Ann', City: '' },
      labels: ['vip'],
      create: false,
    });
  });
});
