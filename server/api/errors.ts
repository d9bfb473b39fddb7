import 'server-only';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/health';
import { isDomainError, type DomainError, type DomainErrorKind } from '../services/domain-error';

/** What a client reads while the database cannot be reached (a 503: worth retrying, unlike a 500). */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not reachable right now; retry in a moment. GET /api/health tells when it is back.';

/** Which tRPC code (and so which HTTP status) each kind of domain failure gets. */
const trpcCodeByKind: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_INPUT: 'BAD_REQUEST',
  CONSTRAINT_VIOLATION: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  TIMEOUT: 'TIMEOUT',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
};

/** Turns a service's DomainError into the TRPCError the client sees; the original stays as `cause`. */
export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: trpcCodeByKind[error.kind], message: error.message, cause: error });
}

/** AWS's error code and reason carried by an error or its cause chain, when a domain error set them. */
export function awsDetailsOf(error: unknown): { awsCode: string | null; awsReason: string | null } {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const candidate = current as { awsCode?: unknown; awsReason?: unknown };
    if (typeof candidate.awsCode === 'string') {
      return {
        awsCode: candidate.awsCode,
        awsReason: typeof candidate.awsReason === 'string' ? candidate.awsReason : null,
      };
    }
  }
  return { awsCode: null, awsReason: null };
}

/** One problem of a refused import, as the client lists it: where (JSONPath or file), what, and AWS's code. */
export interface ImportProblemData {
  path: string;
  message: string;
  awsCode: string;
  awsReason: string | null;
}

/** Most problems a refused import sends (the whole list can run to thousands for a large broken file). */
const MAX_IMPORT_PROBLEMS = 200;

/** Every problem of a refused import (ImportRejectedError in the cause chain), or null for other errors. */
export function importProblemsOf(error: unknown): ImportProblemData[] | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const problems = (current as { problems?: unknown }).problems;
    if (Array.isArray(problems)) {
      return problems.slice(0, MAX_IMPORT_PROBLEMS).map((problem: { path: string; message: string; awsCode: string; awsReason?: string }) => ({
        path: problem.path, message: problem.message, awsCode: problem.awsCode, awsReason: problem.awsReason ?? null,
      }));
    }
  }
  return null;
}

/** Field name → messages for an input that failed validation or a domain error about one field; else null. */
export function fieldErrorsOf(error: TRPCError): Record<string, string[]> | null {
  if (isDomainError(error.cause) && error.cause.field) return { [error.cause.field]: [error.cause.message] };
  if (error.code !== 'BAD_REQUEST' || !(error.cause instanceof ZodError)) return null;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.cause.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** A one-line message naming every invalid field ("name: Name is required."), instead of zod's JSON dump. */
export function describeInvalidInput(cause: ZodError): string {
  const parts = cause.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
    return `${field}: ${issue.message}`;
  });
  return `Invalid input. ${parts.join(' ')}`;
}

/**
 * Rewrites a failed procedure's error for the client: a DomainError becomes its tRPC code with AWS details,
 * an input validation failure keeps BAD_REQUEST but names the fields; anything else passes unchanged.
 */
export function translateError(error: TRPCError): TRPCError {
  if (isDomainError(error.cause)) return toTRPCError(error.cause);
  if (error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(error.cause)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause: error.cause });
  }
  if (error.code === 'BAD_REQUEST' && error.cause instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: describeInvalidInput(error.cause), cause: error.cause });
  }
  return error;
}
