import 'server-only';
import { createOuInputSchema, deleteOuInputSchema, moveOuInputSchema, renameOuInputSchema } from '../../schemas/organizations';
import { createOrganizationalUnit, deleteOrganizationalUnit, moveOrganizationalUnit, renameOrganizationalUnit } from '../../services/organizations';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { ouDeletedSchema, ouResultSchema } from '../../schemas/organization-outputs';

/** Organizational units: create, rename, move (a designer convenience: AWS cannot move OUs), delete. */
export const ouRouter = createTRPCRouter({
  create: publicProcedure.input(createOuInputSchema).output(ouResultSchema).mutation(({ ctx, input }) => createOrganizationalUnit(ctx.db, input)),
  rename: publicProcedure.input(renameOuInputSchema).output(ouResultSchema).mutation(({ ctx, input }) => renameOrganizationalUnit(ctx.db, input)),
  move: publicProcedure.input(moveOuInputSchema).output(ouResultSchema).mutation(({ ctx, input }) => moveOrganizationalUnit(ctx.db, input)),
  delete: publicProcedure.input(deleteOuInputSchema).output(ouDeletedSchema).mutation(({ ctx, input }) => deleteOrganizationalUnit(ctx.db, input)),
});
