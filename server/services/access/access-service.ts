// Cross-account access of a design: the access graph (filtered by account, OU or principal), one edge's trust
// statement and trace, who-can questions and reachability. Building the graph and answering over it can compute for
// seconds on a large organization, so every question runs in an engine worker thread (which keeps each design's
// graph and updates it per revision) within the time budget: over budget the request fails with a TIMEOUT naming
// the work, and other clients are served meanwhile.
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import type {
  AccessEdgeDetailDto, AccessGraphDto, accessEdgeInputSchema, accessGraphInputSchema, reachInputSchema, whoCanInputSchema, WhoCanDto,
} from '../../schemas/access';
import { DomainError } from '../domain-error';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import type { EngineTask, EngineTaskResults } from '../engine-worker/engine-tasks';
import { WorkerTaskError } from '../engine-worker/worker-pool';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';
import type { ReachAnswer } from './access-answers';

type GraphInput = z.input<typeof accessGraphInputSchema>;
type EdgeInput = z.input<typeof accessEdgeInputSchema>;
type WhoCanInput = z.output<typeof whoCanInputSchema>;
type ReachInput = z.output<typeof reachInputSchema>;

/** Where the questions are answered: the design's compiled world (request thread) and the engine workers. */
export interface AccessRuntime {
  worlds?: CompiledWorldCache;
  workers?: EngineWorkers;
}

const OVER_BUDGET = 'The design is too large for the engine budget: narrow the question (filter by account, OU or principal, fewer hops) or raise LZSIM_ENGINE_BUDGET_MS (milliseconds) on the server.';

/** The access graph, or the part of it touching the chosen accounts, OU or principals. */
export async function accessGraph(db: Db, input: GraphInput, runtime: AccessRuntime = {}): Promise<AccessGraphDto> {
  const { designId, ...query } = input;
  return ask(db, designId, { kind: 'accessGraph', query }, 'The access graph', runtime);
}

/** One edge: the role's trust policy, the statements it rests on, and the engine's trace replayed with its context. */
export async function accessEdge(db: Db, input: EdgeInput, runtime: AccessRuntime = {}): Promise<AccessEdgeDetailDto> {
  const { designId, ...query } = input;
  return ask(db, designId, { kind: 'accessEdge', query }, 'The access edge', runtime, 'edgeId');
}

/** Who can do the action on the resource, directly or through every role chain (fewest hops first, capped answers). */
export async function whoCan(db: Db, input: WhoCanInput, runtime: AccessRuntime = {}): Promise<WhoCanDto> {
  const { designId, ...query } = input;
  return ask(db, designId, { kind: 'whoCan', query }, `who-can ${input.action} on ${input.resource}`, runtime);
}

/** Who can reach a role, or what a principal can reach, with one shortest path each. */
export async function reach(db: Db, input: ReachInput, runtime: AccessRuntime = {}): Promise<ReachAnswer> {
  const { designId, ...query } = input;
  const label = input.direction === 'to' ? `Who can reach ${input.arn}` : `What ${input.arn} can reach`;
  return ask(db, designId, { kind: 'reach', query }, label, runtime, 'arn');
}

async function ask<K extends 'accessGraph' | 'accessEdge' | 'whoCan' | 'reach'>(
  db: Db, designId: string, task: Extract<EngineTask, { kind: K }>, label: string, runtime: AccessRuntime, field?: string,
): Promise<EngineTaskResults[K]> {
  const design = await (runtime.worlds ?? compiledWorldCache()).get(db, designId);
  try {
    return await (runtime.workers ?? engineWorkers()).run(design, task, label, OVER_BUDGET);
  } catch (error) {
    // An unknown edge or principal, as the worker reported it (access-answers.ts AccessNotFoundError).
    if (!(error instanceof WorkerTaskError) || error.errorName !== 'AccessNotFoundError') throw error;
    throw new DomainError('NOT_FOUND', error.message, { ...(error.code === 'NoSuchEntity' ? { awsCode: error.code } : {}), ...(field ? { field } : {}), cause: error });
  }
}
