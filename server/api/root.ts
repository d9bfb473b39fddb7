import 'server-only';
import { designRouter } from './routers/design';
import { orgRouter } from './routers/org';
import { createCallerFactory, createTRPCRouter } from './trpc';

/** The whole API; its type (AppRouter) is all the browser imports from the server. */
export const appRouter = createTRPCRouter({
  design: designRouter,
  org: orgRouter,
});

/** The API's type, for typed clients. */
export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, server components): `createCaller(createInnerContext({ db }))`. */
export const createCaller = createCallerFactory(appRouter);
