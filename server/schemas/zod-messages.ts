// Sentences for zod's default messages, for every schema that does not write its own: people read "Must be at
// least 6 characters." rather than zod's "Too small: expected string to have >=6 characters". Imported for its
// effect by server/schemas/text.ts, which every schema module (and so the API and the browser's forms) loads.
import { z } from 'zod';

const plural = (count: number | bigint, word: string) => `${count.toLocaleString('en-US')} ${word}${Number(count) === 1 ? '' : 's'}`;

const UNIT: Record<string, string> = { string: 'character', array: 'item', set: 'item', file: 'byte' };

type Issue = z.core.$ZodRawIssue;

/** A person's sentence for one zod issue, or undefined to keep zod's own. */
export function humanZodMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'This value is required.';
      return `Expected ${issue.expected === 'int' ? 'a whole number' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}.`;
    case 'too_small': {
      const unit = UNIT[issue.origin];
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'This value is required.';
      if (unit) return `Must have at least ${plural(issue.minimum, unit)}.`;
      return `Must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum.toLocaleString('en-US')}.`;
    }
    case 'too_big': {
      const unit = UNIT[issue.origin];
      if (unit) return `Must have at most ${plural(issue.maximum, unit)}.`;
      return `Must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum.toLocaleString('en-US')}.`;
    }
    case 'invalid_format':
      return issue.format === 'email' ? 'Enter an email address such as name@example.com.'
        : issue.format === 'regex' ? 'This value does not have the expected form.'
          : `Enter a valid ${issue.format}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map((value: unknown) => String(value)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}.`;
    default:
      return undefined;
  }
}

z.config({ customError: humanZodMessage });
