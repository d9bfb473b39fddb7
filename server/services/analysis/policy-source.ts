// The text of a policy as a trace names it (SCP/RCP id, managed policy ARN, "role/NAME/inline/POLICY", a role's
// "ARN/trust-policy", a resource ARN, a VPC endpoint id), with each statement's line range, so the trace panel can show the document
// and highlight the statement that decided. Ids follow the engine's MatchedStatement.policyId conventions.
import 'server-only';

import type { Db } from '../../db/client';
import type { AccountIam, PolicySource as EnginePolicySource, World } from '../../engine';
import { DEFAULT_ENDPOINT_POLICY } from '../../engine/world/vpc-endpoints';
import type { PolicySource } from '../../schemas/analysis';
import { DomainError } from '../domain-error';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';
import { statementLineRanges } from './statement-lines';

const TRUST_SUFFIX = '/trust-policy';
const INLINE_ID = /^(user|group|role)\/([^/]+)\/inline\/(.+)$/;

/** A located document before it is turned into text. */
interface Located {
  name: string;
  kind: PolicySource['kind'];
  document: EnginePolicySource;
}

/** The policy's text and statement line ranges; NOT_FOUND (NoSuchEntity) when the design has no such policy. */
export async function policySource(db: Db, input: { designId: string; policyId: string; accountId?: string }, cache: CompiledWorldCache = compiledWorldCache()): Promise<PolicySource> {
  const { compiled } = await cache.get(db, input.designId);
  const located = locatePolicy(compiled.world, input.policyId, input.accountId);
  if (!located) {
    throw new DomainError('NOT_FOUND', `Policy ${input.policyId} is not in this design${input.accountId ? ` (looked in account ${input.accountId})` : ''}.`, {
      awsCode: 'NoSuchEntity',
      field: 'policyId',
    });
  }
  const text = readableText(located.document);
  return { policyId: input.policyId, name: located.name, kind: located.kind, text, statements: statementLineRanges(text) };
}

/** Finds the document a trace's policy id stands for. */
function locatePolicy(world: World, policyId: string, accountId: string | undefined): Located | undefined {
  const orgPolicy = world.policies.find((policy) => policy.id === policyId);
  if (orgPolicy) return { name: orgPolicy.name, kind: orgPolicy.type, document: orgPolicy.document };

  // The principal's account first: inline policies and customer-managed ARNs are per account.
  const accounts = accountId && world.iam[accountId] ? [world.iam[accountId], ...Object.values(world.iam)] : Object.values(world.iam);

  if (policyId.endsWith(TRUST_SUFFIX)) {
    const roleArn = policyId.slice(0, -TRUST_SUFFIX.length);
    for (const iam of accounts) {
      const role = iam.roles.find((candidate) => candidate.arn === roleArn);
      if (role) return { name: `${role.name} trust policy`, kind: 'TRUST', document: role.trustPolicy };
    }
  }

  const inline = INLINE_ID.exec(policyId);
  if (inline && accountId && world.iam[accountId]) {
    const found = inlinePolicy(world.iam[accountId], inline[1] as 'user' | 'group' | 'role', inline[2], inline[3]);
    if (found) return { name: found.name, kind: 'IDENTITY', document: found.document };
  }

  for (const iam of accounts) {
    const managed = iam.managedPolicies.find((policy) => policy.arn === policyId);
    if (managed) return { name: managed.name, kind: 'IDENTITY', document: managed.document };
  }

  const resourcePolicy = world.resourcePolicies.find((policy) => policy.resourceArn === policyId);
  if (resourcePolicy) return { name: `Resource policy of ${resourcePolicy.resourceArn}`, kind: 'RESOURCE', document: resourcePolicy.document };
  // A VPC endpoint's policy (the trace names it by endpoint id), or AWS's default one when it has none.
  const endpoint = world.vpcEndpoints?.find((candidate) => candidate.id === policyId);
  if (endpoint) return { name: `VPC endpoint policy of ${endpoint.id}`, kind: 'RESOURCE', document: endpoint.policy ?? DEFAULT_ENDPOINT_POLICY };
  return undefined;
}

function inlinePolicy(iam: AccountIam, ownerKind: 'user' | 'group' | 'role', ownerName: string, policyName: string) {
  const owners = ownerKind === 'user' ? iam.users : ownerKind === 'group' ? iam.groups : iam.roles;
  return owners.find((owner) => owner.name === ownerName)?.inlinePolicies.find((policy) => policy.name === policyName);
}

/**
 * The document as stored, or pretty-printed when it was stored on one line (or as an object): a one-line
 * document cannot show which statement is highlighted.
 */
function readableText(document: EnginePolicySource): string {
  if (typeof document !== 'string') return JSON.stringify(document, null, 2);
  if (document.includes('\n')) return document;
  try {
    return JSON.stringify(JSON.parse(document), null, 2);
  } catch {
    return document;
  }
}
