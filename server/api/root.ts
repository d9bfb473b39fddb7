import 'server-only';
import { designRouter } from './routers/design';
import { interchangeRouter } from './routers/interchange';
import { orgRouter } from './routers/org';
import { simulationRouter } from './routers/simulation';
import { createCallerFactory, createTRPCRouter } from './trpc';

/** The whole API; its type (AppRouter) is all the browser imports from the server. */
export const appRouter = createTRPCRouter({
  design: designRouter,
  org: orgRouter,
  interchange: interchangeRouter,
  simulation: simulationRouter,
});

/** The API's type, for typed clients. */
export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, server components): `createCaller(createInnerContext({ db }))`. */
export const createCaller = createCallerFactory(appRouter);
