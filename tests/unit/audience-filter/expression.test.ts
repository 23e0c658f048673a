import { describe, expect, it } from 'vitest';
import { parseConditionExpression } from '../../../shared/domain/audience-filter';

const columns = ['City', 'Total spent', 'Joined', 'Email', 'Sign on date', 'Orders', 'in stock'];
const parse = (expr: string, decimal: '.' | ',' = '.') =>
  parseConditionExpression(expr, decimal, columns);

describe('condition expressions for the command line', () => {
  it.each([
    ['City = London', { column: 'City', op: 'equals', value: 'London' }],
    ['city = London', { column: 'City', op: 'equals', value: 'London' }],
    ['City != London', { column: 'City', op: 'not_equals', value: 'London' }],
    ['City <> London', { column: 'City', op: 'not_equals', value: 'London' }],
    ['City contains lon', { column: 'City', op: 'contains', value: 'lon' }],
    ['City not contains lon', { column: 'City', op: 'not_contains', value: 'lon' }],
    [
      'City in London, Leeds, "York, UK"',
      { column: 'City', op: 'one_of', values: ['London', 'Leeds', 'York, UK'] },
    ],
    ['Email is empty', { column: 'Email', op: 'empty' }],
    ['Email is not empty', { column: 'Email', op: 'not_empty' }],
    ['Total spent > 100', { column: 'Total spent', op: 'num_gt', value: 100 }],
    ['Total spent>=1,000.50', { column: 'Total spent', op: 'num_ge', value: 1000.5 }],
    ['Total spent < 5', { column: 'Total spent', op: 'num_lt', value: 5 }],
    ['Total spent <= 5', { column: 'Total spent', op: 'num_le', value: 5 }],
    ['Total spent ≥ 5', { column: 'Total spent', op: 'num_ge', value: 5 }],
    ['Orders == 3', { column: 'Orders', op: 'num_eq', value: 3 }],
    ['Orders !== 3', { column: 'Orders', op: 'num_ne', value: 3 }],
    ['Orders ≠ 3', { column: 'Orders', op: 'num_ne', value: 3 }],
    [
      'Total spent between 10 and 99.5',
      { column: 'Total spent', op: 'num_between', min: 10, max: 99.5 },
    ],
    ['Joined before 2026-01-01', { column: 'Joined', op: 'date_before', value: '2026-01-01' }],
    ['Joined after 2026-01-01', { column: 'Joined', op: 'date_after', value: '2026-01-01' }],
    ['Joined on 2026-03-14', { column: 'Joined', op: 'date_on', value: '2026-03-14' }],
    [
      'Joined between 2026-01-01 and 2026-03-31',
      { column: 'Joined', op: 'date_between', from: '2026-01-01', to: '2026-03-31' },
    ],
    // Operator words inside a column name: the split naming a real column wins, quoted or not.
    [
      'Sign on date after 2026-01-01',
      { column: 'Sign on date', op: 'date_after', value: '2026-01-01' },
    ],
    [
      '"Sign on date" on 2026-01-01',
      { column: 'Sign on date', op: 'date_on', value: '2026-01-01' },
    ],
    ['in stock = yes', { column: 'in stock', op: 'equals', value: 'yes' }],
    ['City = "  spaced  "', { column: 'City', op: 'equals', value: '  spaced  ' }],
  ])('%s', (expr, expected) => {
    expect(parse(expr)).toEqual({ kind: 'condition', ...expected });
  });

  it('reads numbers with the filter’s decimal separator', () => {
    expect(parse('Total spent > 1.234,5', ',')).toMatchObject({ op: 'num_gt', value: 1234.5 });
    expect(() => parse('Total spent > 1.234,5', '.')).toThrow(
      /not a number \(numbers are read with a decimal "\."\)/,
    );
  });

  it.each([
    ['', /empty --filter/],
    ['London', /no operator found/],
    ['Town = London', /no column "Town".*Columns: City, Total spent/],
    ['City =', /no operator found|give a value/],
    ['City = ""', /give a value/],
    ['Total spent > lots', /"lots" is not a number/],
    ['Joined after 14/03/2026', /YYYY-MM-DD/],
    ['Total spent between 10', /between A and B/],
    ['City in  , ,', /list the values/],
  ])('refuses %j with a message', (expr, message) => {
    expect(() => parse(expr)).toThrow(message);
  });

  it('works without known columns, taking the text before the first operator', () => {
    expect(parseConditionExpression('Region = North', '.')).toEqual({
      kind: 'condition',
      column: 'Region',
      op: 'equals',
      value: 'North',
    });
    expect(() => parseConditionExpression('x'.repeat(30_000), '.')).toThrow(/far too long/);
  });
});
