// The effective permissions of one principal of a design (the account panel; `lzsim principal-permissions` on a
// bundle): the engine's effectivePermissions over the design's compiled world, in an engine worker thread within the
// time budget, since an administrator is one evaluation per catalogued action.
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { principalPermissionsInputSchema, PrincipalPermissionsResult } from '../../schemas/analysis';
import { DomainError } from '../domain-error';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { WorkerTaskError } from '../engine-worker/worker-pool';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

type PrincipalPermissionsInput = z.input<typeof principalPermissionsInputSchema>;

/** Every catalogued action the principal may perform after identity, boundary, SCP and RCP, by service and access level. */
export async function principalPermissions(
  db: Db,
  input: PrincipalPermissionsInput,
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<PrincipalPermissionsResult> {
  const design = await cache.get(db, input.designId);
  try {
    const result = await workers.run(design, {
      kind: 'principalPermissions',
      principalArn: input.principalArn,
      context: input.region ? [{ key: 'aws:RequestedRegion', values: [input.region], type: 'string' }] : [],
      ...(input.services ? { services: input.services } : {}),
      countsOnly: input.countsOnly ?? false,
    }, `The effective permissions of ${input.principalArn}`);
    return { revision: design.revision, ...result };
  } catch (error) {
    // The engine's UnknownPrincipalError, as the worker reported it (AWS's NoSuchEntity / InvalidInput).
    if (!(error instanceof WorkerTaskError) || error.errorName !== 'UnknownPrincipalError') throw error;
    throw new DomainError(error.code === 'NoSuchEntity' ? 'NOT_FOUND' : 'INVALID_INPUT', error.message, { awsCode: error.code, field: 'principalArn', cause: error });
  }
}
