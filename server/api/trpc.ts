import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodRealError } from 'zod';
import { findUnsafeTextDeep } from '../schemas/text';
import { awsDetailsOf, fieldErrorsOf, translateError } from './errors';
import { MAX_SIMULATIONS_PER_REQUEST, type InnerContext } from './context';

/** What a client reads when a procedure fails unexpectedly (never the underlying error's text). */
export const INTERNAL_ERROR_MESSAGE = 'The server failed to answer this request. Its log has the details; retry, and report it if it persists.';

// One tRPC instance for the whole API. superjson keeps Dates (and later Maps/Sets) intact across the wire.
const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
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
export const publicProcedure = t.procedure.use(errorTranslation).use(unsafeTextBackstop);
