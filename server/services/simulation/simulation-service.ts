// Runs the engine against stored designs: one request, a batch, or the same request made by "a principal in account
// X" for every account of the organization (what the effective-permission graph shows per account).
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import { evaluate, InvalidSessionTagsError, UnknownPrincipalError, type AuthzRequest } from '../../engine';
import type {
  acrossAccountsInputSchema, acrossAccountsOutputSchema, SimulationRequest, simulateBatchOutputSchema, simulateOutputSchema,
} from '../../schemas/simulation';
import { DomainError } from '../domain-error';
import { engineWorkers, type EngineWorkers } from '../engine-worker/engine-workers';
import { compiledWorldCache, type CompiledWorldCache } from './compiled-world-cache';

type SimulateOutput = z.infer<typeof simulateOutputSchema>;
type SimulateBatchOutput = z.infer<typeof simulateBatchOutputSchema>;
type AcrossAccountsInput = z.input<typeof acrossAccountsInputSchema>;
type AcrossAccountsOutput = z.infer<typeof acrossAccountsOutputSchema>;

function toAuthzRequest(request: SimulationRequest): AuthzRequest {
  return {
    principalArn: request.principalArn,
    action: request.action,
    resource: request.resource,
    ...(request.resourceAccount ? { resourceAccount: request.resourceAccount } : {}),
    context: request.context,
    ...(request.sessionPolicy !== undefined ? { sessionPolicy: request.sessionPolicy } : {}),
    ...(request.sessionTags !== undefined ? { sessionTags: request.sessionTags } : {}),
    ...(request.roleChain !== undefined ? { roleChain: request.roleChain } : {}),
  };
}

/** Session tags AWS would refuse (a key clashing with an inherited transitive tag, duplicate keys) as the API reports them. */
function sessionTagsError(error: InvalidSessionTagsError): DomainError {
  return new DomainError('INVALID_INPUT', error.message, { field: 'sessionTags', cause: error });
}

/** An unknown principal as the API reports it: IAM's NoSuchEntity (or InvalidInput for an ARN that is no principal). */
function principalError(error: UnknownPrincipalError): DomainError {
  return new DomainError(error.code === 'NoSuchEntity' ? 'NOT_FOUND' : 'INVALID_INPUT', error.message, {
    awsCode: error.code,
    field: 'principalArn',
    cause: error,
  });
}

/** Evaluates one request against the design's current revision. */
export async function simulate(db: Db, designId: string, request: SimulationRequest, cache: CompiledWorldCache = compiledWorldCache()): Promise<SimulateOutput> {
  const { compiled, revision, source } = await cache.get(db, designId);
  try {
    return { revision, worldSource: source, result: evaluate(compiled, toAuthzRequest(request)) };
  } catch (error) {
    if (error instanceof UnknownPrincipalError) throw principalError(error);
    if (error instanceof InvalidSessionTagsError) throw sessionTagsError(error);
    throw error;
  }
}

/**
 * Evaluates many requests against one compiled world, in an engine worker thread within the time budget (a TIMEOUT
 * DomainError over it); an unknown principal fails only its own entry.
 */
export async function simulateBatch(
  db: Db,
  designId: string,
  requests: SimulationRequest[],
  cache: CompiledWorldCache = compiledWorldCache(),
  workers: EngineWorkers = engineWorkers(),
): Promise<SimulateBatchOutput> {
  const design = await cache.get(db, designId);
  const label = `simulateBatch of ${requests.length.toLocaleString('en')} request${requests.length === 1 ? '' : 's'}`;
  const results = await workers.run(design, { kind: 'simulateBatch', requests: requests.map(toAuthzRequest) }, label);
  return { revision: design.revision, worldSource: design.source, results };
}

/** The ARN of the chosen principal in one account. */
function principalArnIn(accountId: string, principal: AcrossAccountsInput['principal']): string {
  if (principal.kind === 'root') return `arn:aws:iam::${accountId}:root`;
  const path = principal.path ?? '/';
  return `arn:aws:iam::${accountId}:${principal.kind}${path.endsWith('/') ? path : `${path}/`}${principal.name}`;
}

/**
 * The same request made by the chosen principal of every member account (every account when the design has no
 * organization; or of `accountIds`), evaluated in an engine
 * worker thread within the time budget: 5,000 evaluations held the request thread about 0.4 s.
 */
export async function simulateAcrossAccounts(
  db: Db, input: AcrossAccountsInput, cache: CompiledWorldCache = compiledWorldCache(), workers: EngineWorkers = engineWorkers(),
): Promise<AcrossAccountsOutput> {
  const design = await cache.get(db, input.designId);
  const { compiled, revision, source } = design;
  const ownTags = input.sessionTags ?? [];
  const inheritedTags = input.transitiveSessionTags ?? [];
  const tagged = ownTags.length > 0 || inheritedTags.length > 0;
  if (tagged && input.principal.kind !== 'role') {
    throw new DomainError('INVALID_INPUT', `Session tags belong to role sessions, and the ${input.principal.kind === 'root' ? 'root user' : 'IAM user'} has none.`, { field: 'sessionTags' });
  }
  const wanted = input.accountIds ? new Set(input.accountIds) : undefined;
  // Without an organization every account of the design stands on its own, and each is asked; with one, its members.
  const everyAccount = compiled.world.organization === undefined;
  const accounts = compiled.world.accounts.filter((account) => (wanted ? wanted.has(account.id) : everyAccount || account.parentId !== undefined));
  if (wanted) {
    const known = new Set(accounts.map((a) => a.id));
    const missing = [...wanted].filter((id) => !known.has(id));
    if (missing.length > 0) throw new DomainError('NOT_FOUND', `Account ${missing.join(', ')} is not in the design.`, { awsCode: 'AccountNotFoundException', field: 'accountIds' });
  }
  const rows = accounts.map((account) => {
    const principalArn = principalArnIn(account.id, input.principal);
    const resource = (input.resource ?? '*').split('${AccountId}').join(account.id);
    const base = { accountId: account.id, ...(account.name ? { accountName: account.name } : {}), ...(account.parentId ? { parentId: account.parentId } : {}), principalArn, resource };
    // Inherited transitive tags travel as the chain's earlier call, which assumed this account's role too.
    const tags = tagged
      ? {
          sessionTags: ownTags,
          ...(inheritedTags.length > 0 ? { roleChain: [{ roleArn: principalArn, tags: inheritedTags, transitiveTagKeys: inheritedTags.map((tag) => tag.key) }] } : {}),
        }
      : {};
    const request: AuthzRequest = { principalArn, action: input.action, resource, context: input.context ?? [], ...tags };
    return { base, request };
  });
  const label = `acrossAccounts over ${rows.length.toLocaleString('en')} account${rows.length === 1 ? '' : 's'}`;
  const entries = await workers.run(design, { kind: 'acrossAccounts', requests: rows.map((row) => row.request) }, label);
  return {
    revision,
    worldSource: source,
    accounts: rows.map(({ base }, i) => {
      const entry = entries[i];
      if (entry.ok) {
        const { ok: _ok, ...decided } = entry;
        return { ...base, ...decided };
      }
      // The same session tags go to every account: AWS would refuse them for all, so the request fails as a whole.
      if (!entry.unknownPrincipal) throw new DomainError('INVALID_INPUT', entry.sessionTags, { field: 'sessionTags' });
      return { ...base, decision: null, reasons: [], summary: `No such principal in account ${base.accountId}.`, conditionDependent: false, missingContextValues: [] };
    }),
  };
}
