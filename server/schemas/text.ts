// Text that the product can store and show safely, as zod schemas: the rules themselves (and the helpers that need
// no zod, such as stripByteOrderMark) live in ./text-checks.ts, which the CLI imports without loading zod.
// This module imports only zod (the browser's forms use it too).
import { z } from 'zod';
import './zod-messages';
import { findUnsafeText, type TextKind } from './text-checks';

export {
  escapeControlCharacters, findUnsafeText, findUnsafeTextDeep, stripByteOrderMark, type TextKind, type UnsafeTextIssue,
} from './text-checks';

/**
 * A refinement for any zod string: `z.string().trim().superRefine(refuseUnsafeText()).max(128)`. Placed after
 * trim() it forgives a pasted trailing line break and refuses one inside the text.
 */
export function refuseUnsafeText(kind: TextKind = 'single-line') {
  return (value: string, context: z.RefinementCtx<string>): void => {
    const problem = findUnsafeText(value, kind);
    if (problem) context.addIssue({ code: 'custom', message: `Text ${problem}.`, input: value });
  };
}

/** A zod string that refuses control characters (all of them, or all but tab/CR/LF for multi-line text). */
export function safeText(kind: TextKind = 'single-line') {
  return z.string().superRefine(refuseUnsafeText(kind));
}
