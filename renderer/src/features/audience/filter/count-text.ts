import type { FilterCount } from '../../../../../shared/api';
import { noun, type Format } from '../../../../../shared/format';

/** The filter's live count in words, singular or plural by the numbers ("1 of 6 recipients matches"). */
export function countText(count: FilterCount, f: Format): string {
  const n = (x: number) => f.count(x);
  const of = `${n(count.matching)} of ${f.countOf(count.total, noun('recipient'))}`;
  const match = count.matching === 1 ? 'matches' : 'match';
  if (!count.filtered)
    return count.total === 1
      ? 'No filter: the 1 recipient gets it.'
      : `No filter: all ${n(count.total)} recipients get it.`;
  if (count.frozen)
    return `${of} ${match}; ${n(count.excludedAtStart)} ${count.excludedAtStart === 1 ? 'was' : 'were'} left out when sending started.`;
  return `${of} ${match}.`;
}
