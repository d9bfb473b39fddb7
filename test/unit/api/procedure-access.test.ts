// The access table (server/api/procedure-access.ts) against the real router: every procedure is either listed or
// covered by the default, and the default can only be right for procedures whose input names the design they
// touch. A new procedure that creates a design (no designId) must be listed, or it fails closed for signed-in
// users; this test names it so the omission is found before a user does.
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { PROCEDURE_ACCESS, procedureAccess } from '@/server/api/procedure-access';
import { appRouter } from '@/server/api/root';

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: ZodType[];
}
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, { _def: ProcedureDef }> }).procedures);

/** True when the procedure's input schema requires a designId. */
function requiresDesignId(def: ProcedureDef): boolean {
  return def.inputs.some((schema) => {
    const shape = (schema as unknown as { shape?: Record<string, ZodType> }).shape;
    return shape?.designId !== undefined && !shape.designId.safeParse(undefined).success;
  });
}

describe('procedure access table', () => {
  it('lists only procedures that exist', () => {
    const paths = new Set(procedures.map(([path]) => path));
    expect(Object.keys(PROCEDURE_ACCESS).filter((path) => !paths.has(path))).toEqual([]);
  });

  it('every unlisted mutation names its design, so the default (editor on that design) applies', () => {
    const unlisted = procedures.filter(([path, procedure]) => !(path in PROCEDURE_ACCESS) && procedure._def.type === 'mutation' && !requiresDesignId(procedure._def));
    expect(unlisted.map(([path]) => path)).toEqual([]);
  });

  it('defaults: a query with a design reads it, a mutation edits it, a query without one needs only a sign-in', () => {
    expect(procedureAccess('org.tree', 'query', true)).toEqual({ kind: 'design', access: 'read' });
    expect(procedureAccess('ou.create', 'mutation', true)).toEqual({ kind: 'design', access: 'edit' });
    expect(procedureAccess('ou.create', 'mutation', false)).toEqual({ kind: 'design', access: 'edit' });
    expect(procedureAccess('controlTower.catalog', 'query', false)).toEqual({ kind: 'authenticated' });
    expect(procedureAccess('policy.validate', 'mutation', false)).toEqual({ kind: 'authenticated' });
    expect(procedureAccess('policy.validate', 'mutation', true)).toMatchObject({ kind: 'design', access: 'read' });
    expect(procedureAccess('shareLinks.create', 'mutation', true)).toEqual({ kind: 'design', access: 'manage' });
  });
});
