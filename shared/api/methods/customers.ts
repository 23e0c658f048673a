import type { AudiencePreview } from '../audience';
import {
  customerImportInput,
  customerForgetInput,
  customerListInput,
  customerPhoneInput,
  customerSaveInput,
  type BookImportResult,
  type CustomerDetail,
  type CustomerPage,
  type ForgetResult,
} from '../customers';
import { method } from './define';

export const customerMethods = {
  /** By id, keyset-paged, searchable in the number and every attribute value. */
  'customers.list': method<typeof customerListInput, CustomerPage>(customerListInput),
  /** One customer with consent, opt-out and the timeline of every message. */
  'customers.show': method<typeof customerPhoneInput, CustomerDetail>(customerPhoneInput),
  /** Adds a customer by hand, or edits one (consent "added by hand" for a new one). */
  'customers.save': method<
    typeof customerSaveInput,
    { customer: CustomerDetail; created: boolean }
  >(customerSaveInput),
  /** Removes a customer from the book only; campaigns keep their rows. */
  'customers.delete': method<typeof customerPhoneInput, { deleted: boolean }>(customerPhoneInput),
  /** Erases the number everywhere (book, campaigns' rows, stored events, opt-out list). */
  'customers.forget': method<typeof customerForgetInput, ForgetResult>(customerForgetInput),
  'customers.preview': method<typeof customerImportInput, AudiencePreview>(customerImportInput),
  /** Upserts every row of a file into the book, in the import worker. */
  'customers.import': method<typeof customerImportInput, BookImportResult>(customerImportInput),
};
