import { describe, expect, it } from 'vitest';
import { nameFromAttributes } from '../../../electron/core/replies/customer-name';

describe("the customer's name for the Replies view, from the book's attributes", () => {
  it('takes a name column, else first and last names, whatever their case', () => {
    expect(nameFromAttributes('{"Name":"Ann Lee","order":"A-1"}')).toBe('Ann Lee');
    expect(nameFromAttributes('{"first_name":"Ann","Surname":"Lee"}')).toBe('Ann Lee');
    expect(nameFromAttributes('{"First Name":"Ann"}')).toBe('Ann');
    expect(nameFromAttributes('{"name":"  ","first_name":"Bob"}')).toBe('Bob');
  });

  it('is null for no book entry, no name, or attributes it cannot read, and strips hidden characters', () => {
    expect(nameFromAttributes(null)).toBeNull();
    expect(nameFromAttributes('{"order":"A-1"}')).toBeNull();
    expect(nameFromAttributes('not json')).toBeNull();
    expect(nameFromAttributes('["Ann"]')).toBeNull();
    expect(nameFromAttributes('{"name":5}')).toBeNull();
    expect(nameFromAttributes(JSON.stringify({ name: 'Ann\u202E\u0007' }))).toBe('Ann');
    expect(nameFromAttributes(JSON.stringify({ name: 'x'.repeat(300) }))?.length).toBe(80);
  });
});
