// zod's default messages become sentences (issue 13: no "Too small: expected string to have >=6 characters").
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '@/server/schemas/zod-messages';
import { createAccountInputSchema } from '@/server/schemas/organizations';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues[0].message;
};

describe('humanZodMessage', () => {
  it.each([
    [z.string().min(6), 'abc', 'Must have at least 6 characters.'],
    [z.string().max(3), 'abcd', 'Must have at most 3 characters.'],
    [z.string().min(1), '', 'This value is required.'],
    [z.number().int().positive(), 0, 'Must be more than 0.'],
    [z.number().max(10), 11, 'Must be at most 10.'],
    [z.array(z.string()).min(1), [], 'Must have at least 1 item.'],
    [z.string(), undefined, 'This value is required.'],
    [z.string(), 5, 'Expected a string.'],
    [z.email(), 'not-an-email', 'Enter an email address such as name@example.com.'],
    [z.enum(['A', 'B']), 'C', 'Must be one of: A, B.'],
    [z.object({ a: z.string() }).strict(), { a: 'x', b: 1 }, 'Unknown field: b.'],
  ])('%#: says "%s"', (schema, value, expected) => {
    expect(messageOf(schema as z.ZodType, value)).toBe(expected);
  });

  it('leaves messages a schema writes itself alone', () => {
    expect(messageOf(z.string().min(1, { error: 'Name is required.' }), '')).toBe('Name is required.');
  });

  it('no API input schema answers with zod\'s raw wording', () => {
    const result = createAccountInputSchema.safeParse({ designId: 'd', expectedRevision: 0, accountName: 'x', email: 'a@b' });
    const text = result.success ? '' : result.error.issues.map((issue) => issue.message).join(' ');
    expect(text).not.toMatch(/Too small|Too big|Invalid input: expected|expected string to have/);
  });
});
