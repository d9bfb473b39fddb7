import 'server-only';
import { accessRouter } from './routers/access';
import { accountRouter } from './routers/account';
import { analysisRouter } from './routers/analysis';
import { authRouter, membersRouter, shareLinksRouter } from './routers/auth';
import { catalogRouter } from './routers/catalog';
import { controlTowerRouter } from './routers/control-tower';
import { designRouter } from './routers/design';
import { historyRouter } from './routers/history';
import { iamRouter } from './routers/iam';
import { impactRouter } from './routers/impact';
import { identityCenterRouter } from './routers/identity-center';
import { interchangeRouter } from './routers/interchange';
import { orgRouter } from './routers/org';
import { organizationRouter } from './routers/organization';
import { ouRouter } from './routers/ou';
import { planRouter } from './routers/plan';
import { policyRouter } from './routers/policy';
import { ramRouter } from './routers/ram';
import { simulationRouter } from './routers/simulation';
import { createCallerFactory, createTRPCRouter } from './trpc';

/** The whole API; its type (AppRouter) is all the browser imports from the server. */
export const appRouter = createTRPCRouter({
  design: designRouter,
  org: orgRouter,
  ou: ouRouter,
  account: accountRouter,
  iam: iamRouter,
  policy: policyRouter,
  organization: organizationRouter,
  history: historyRouter,
  interchange: interchangeRouter,
  simulation: simulationRouter,
  analysis: analysisRouter,
  catalog: catalogRouter,
  access: accessRouter,
  controlTower: controlTowerRouter,
  ram: ramRouter,
  identityCenter: identityCenterRouter,
  auth: authRouter,
  members: membersRouter,
  shareLinks: shareLinksRouter,
  impact: impactRouter,
  plan: planRouter,
});

/** The API's type, for typed clients. */
export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, server components): `createCaller(createInnerContext({ db }))`. */
export const createCaller = createCallerFactory(appRouter);
