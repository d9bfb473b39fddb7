import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import { wireTransformer } from '../schemas/wire-transformer';
import { ZodRealError } from 'zod';
import { findUnsafeTextDeep } from '../schemas/text';
import { authorNameOf, runAsAuthor } from '../services/auth/actor';
import { grantCreatorOwnership, requireDesignAccess, requireSignedIn, signInRequired } from '../services/auth/design-access';
import { DomainError } from '../services/domain-error';
import { procedureAccess } from './procedure-access';
import { awsDetailsOf, fieldErrorsOf, importProblemsOf, translateError } from './errors';
import { MAX_SIMULATIONS_PER_REQUEST, type InnerContext } from './context';

/** What a client reads when a procedure fails unexpectedly (never the underlying error's text). */
export const INTERNAL_ERROR_MESSAGE = 'The server failed to answer this request. Its log has the details; retry, and report it if it persists.';

// One tRPC instance for the whole API. The wire transformer (superjson) keeps Dates intact across the wire and sends
// the org tree in its compact form.
const t = initTRPC.context<InnerContext>().create({
  transformer: wireTransformer,
  errorFormatter({ shape, error }) {
    // An unexpected failure's message can carry a database error, its SQL or the server's address: the client
    // gets a fixed sentence, the server log (http-handler's onError) gets the details.
    // The stack (sent in development) names files and can quote the cause: never on the wire.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: internal ? INTERNAL_ERROR_MESSAGE : shape.message,
      data: {
        ...data,
        // The browser's forms show these next to the inputs they concern.
        fieldErrors: fieldErrorsOf(error),
        // AWS's own vocabulary (e.g. ConstraintViolationException / OU_DEPTH_LIMIT_EXCEEDED) for domain errors.
        ...awsDetailsOf(error.cause),
        // A refused import: every problem with its JSONPath, so the page can list them.
        importProblems: importProblemsOf(error.cause),
      },
    };
  },
});

/** Rewrites domain and validation failures into the errors clients see (see translateError). */
const errorTranslation = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw translateError(result.error);
  return result;
});

/**
 * Refuses, before any schema or service sees it, an input holding a string that PostgreSQL cannot store or that
 * would lie on screen (NUL, lone surrogates, control characters other than tab and line breaks): 400 naming the
 * field. Field schemas apply the stricter one-line rule themselves (server/schemas/text.ts).
 */
const unsafeTextBackstop = t.middleware(async ({ next, getRawInput }) => {
  const issues = findUnsafeTextDeep(await getRawInput());
  if (issues.length > 0) {
    const cause = new ZodRealError(issues.map((issue) => ({ code: 'custom' as const, path: issue.path, message: issue.message, input: undefined })));
    // ZodRealError (an Error, unlike ZodError) so that tRPC keeps it as the cause and fieldErrorsOf reads it.
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input.', cause });
  }
  return next();
});

/** The designId of a raw input, before the schema has parsed it (the access check runs first); null without one. */
function rawDesignId(raw: unknown): string | null {
  const value = raw && typeof raw === 'object' ? (raw as { designId?: unknown }).designId : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The input's designId, or 400 naming it. */
function requiredDesignId(raw: unknown): string {
  const designId = rawDesignId(raw);
  if (designId === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input. designId: Design id is required.' });
  return designId;
}

/**
 * Who may call what (procedure-access.ts): 401 without a session when authentication is on, NOT_FOUND for a
 * design the caller has no role on, FORBIDDEN for a viewer's mutation (and for an editor's owner-only one), and
 * FORBIDDEN for a cookie-authenticated mutation without the session's CSRF token. The procedure then runs with
 * the caller as the author of the history entries it writes; a procedure that creates a design makes its
 * caller the owner.
 */
const accessControl = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const { actor } = ctx;
  if (type === 'mutation' && ctx.csrf === 'missing') {
    throw new DomainError('FORBIDDEN', 'This change did not carry the page\'s anti-CSRF token (x-lzsim-csrf header): reload the page and try again.');
  }
  // With authentication off, the person at the machine may do everything: nothing to check.
  const rule = actor.kind === 'machine' ? ({ kind: 'open' } as const) : procedureAccess(path, type, rawDesignId(await getRawInput()) !== null);
  if (rule.kind === 'authenticated' && actor.kind === 'anonymous') throw signInRequired();
  if (rule.kind === 'design') await requireDesignAccess(ctx.db, actor, requiredDesignId(await getRawInput()), rule.access);
  if (rule.kind === 'creates-design') {
    requireSignedIn(actor);
    if (rule.source) await requireDesignAccess(ctx.db, actor, requiredDesignId(await getRawInput()), rule.source);
  }
  const result = await runAsAuthor(authorNameOf(actor), () => next());
  if (rule.kind === 'creates-design' && result.ok) {
    const designId = rule.createdId(result.data);
    if (designId) await grantCreatorOwnership(ctx.db, actor, designId);
  }
  return result;
});

/**
 * Charges `cost(input)` simulations to the HTTP request's budget (see WorkBudget), refusing the call with 413 and
 * a sentence saying how to split the work once the request would exceed it. Use after `.input()`.
 */
export function chargeSimulations<TInput>(cost: (input: TInput) => number) {
  return t.middleware(async ({ ctx, input, next }) => {
    const wanted = cost(input as TInput);
    if (wanted > ctx.budget.simulationsLeft) {
      throw new TRPCError({
        code: 'PAYLOAD_TOO_LARGE',
        message:
          `This HTTP request asks for more than ${MAX_SIMULATIONS_PER_REQUEST.toLocaleString('en-US')} simulations in all ` +
          `(this call alone ${wanted.toLocaleString('en-US')}, ${ctx.budget.simulationsLeft.toLocaleString('en-US')} left): ` +
          'send the batches in separate requests.',
      });
    }
    ctx.budget.simulationsLeft -= wanted;
    return next();
  });
}

/** Builds a router from procedures. */
export const createTRPCRouter = t.router;
/** Builds a server-side caller for a router, as tests and server components use it. */
export const createCallerFactory = t.createCallerFactory;
/** The base procedure: every public endpoint starts here. */
export const publicProcedure = t.procedure.use(errorTranslation).use(unsafeTextBackstop).use(accessControl);
