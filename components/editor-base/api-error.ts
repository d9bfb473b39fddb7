// Reads what the API says about a failed call (see server/api/trpc.ts errorFormatter): AWS's exception name and
// reason for refused edits, per-field messages for invalid input. Pure: no React.

/** A failed API call, in the words the editor shows. */
export interface ApiErrorDetails {
  /** The server's message (already a sentence that says what went wrong). */
  message: string;
  /** AWS's exception name, e.g. "ConstraintViolationException"; null for errors AWS has no name for. */
  awsCode: string | null;
  /** AWS's reason, e.g. "OU_DEPTH_LIMIT_EXCEEDED". */
  awsReason: string | null;
  /** Field → messages when the input was invalid (form fields show them inline). */
  fieldErrors: Record<string, string[]>;
  /** True when the design changed since it was read (another tab or person): reload and try again. */
  isStaleRevision: boolean;
  /** For a refused import: each problem with its JSONPath (or file) and AWS's code. */
  importProblems: { path: string; message: string; awsCode: string; awsReason: string | null }[];
}

interface ErrorData {
  awsCode?: unknown;
  awsReason?: unknown;
  fieldErrors?: unknown;
  code?: unknown;
  importProblems?: unknown;
}

/** Extracts the API's error details from anything a tRPC call threw. */
export function describeApiError(error: unknown): ApiErrorDetails {
  const message = error instanceof Error ? error.message : String(error);
  const data = (typeof error === 'object' && error !== null && 'data' in error ? (error as { data: unknown }).data : null) as ErrorData | null;
  const awsCode = typeof data?.awsCode === 'string' ? data.awsCode : null;
  const awsReason = typeof data?.awsReason === 'string' ? data.awsReason : null;
  const fieldErrors: Record<string, string[]> = {};
  if (data?.fieldErrors && typeof data.fieldErrors === 'object') {
    for (const [field, messages] of Object.entries(data.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(messages)) fieldErrors[field] = messages.filter((item): item is string => typeof item === 'string');
    }
  }
  const importProblems = Array.isArray(data?.importProblems) ? (data.importProblems as ApiErrorDetails['importProblems']) : [];
  return { message, awsCode, awsReason, fieldErrors, isStaleRevision: awsCode === 'ConcurrentModificationException', importProblems };
}

/** "ConstraintViolationException (OU_DEPTH_LIMIT_EXCEEDED)", or null when AWS has no code for the error. */
export function awsLabelOf(details: ApiErrorDetails): string | null {
  if (!details.awsCode) return null;
  return details.awsReason ? `${details.awsCode} (${details.awsReason})` : details.awsCode;
}
