import 'server-only';
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { awsDetailsOf, fieldErrorsOf, translateError } from './errors';
import type { InnerContext } from './context';

// One tRPC instance for the whole API. superjson keeps Dates (and later Maps/Sets) intact across the wire.
const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
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

/** Builds a router from procedures. */
export const createTRPCRouter = t.router;
/** Builds a server-side caller for a router, as tests and server components use it. */
export const createCallerFactory = t.createCallerFactory;
/** The base procedure: every public endpoint starts here. */
export const publicProcedure = t.procedure.use(errorTranslation);
