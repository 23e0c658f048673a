import type { suppressionMethods } from '../../../shared/api/methods/suppression';
import type { HandlersFor } from '../api/handlers';
import type { SuppressionService } from './service';

export function suppressionHandlers(s: SuppressionService): HandlersFor<typeof suppressionMethods> {
  return {
    'suppression.list': (input) => s.list(input),
    'suppression.removals': (input) => s.removals(input),
    'suppression.add': (input) => s.add(input),
    'suppression.remove': (input) => s.remove(input),
    'suppression.preview': (input) => s.preview(input),
    'suppression.import': (input) => s.import(input),
  };
}
