import type { customerMethods } from '../../../shared/api/methods/customers';
import type { HandlersFor } from '../api/handlers';
import type { CustomerService } from './service';

export function customerHandlers(s: CustomerService): HandlersFor<typeof customerMethods> {
  return {
    'customers.list': (input) => s.list(input),
    'customers.show': (input) => s.show(input),
    'customers.save': (input) => s.save(input),
    'customers.delete': (input) => s.delete(input),
    'customers.forget': (input) => s.forget(input),
    'customers.preview': (input) => s.preview(input),
    'customers.import': (input) => s.import(input),
  };
}
