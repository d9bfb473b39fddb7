import 'server-only';
import { newOuAwsId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import { tagsToJson } from '../../db/json-values';
import * as queries from '../../db/org-mutations-queries';
import { ouCreateRefusal, ouMoveRefusal, type PlacementRefusal } from '../../schemas/org-structure-rules';
import { awsError, conflict, constraintViolation, notFound } from './aws-errors';
import {
  attachDefaultPolicies,
  detachEverything,
  requireParent,
  runMutation,
  type MutationBase,
  type OperationScope,
} from './mutation';
import { reconcileDeletedOu } from '../control-tower/ou-deletion';
import { mergeTags } from './tags';
import { toOuView } from './views';

// Organizational units: CreateOrganizationalUnit, UpdateOrganizationalUnit (rename), DeleteOrganizationalUnit, and
// a move that AWS does not have (see moveOrganizationalUnit). Depth and count quotas: orgs_reference_limits.html.

/** A refusal of the shared structure rules as the DomainError the API turns into AWS's error. */
function refusalError(refusal: PlacementRefusal) {
  return awsError(refusal.kind, refusal.awsCode, refusal.message, refusal.awsReason);
}

async function requireOu(scope: OperationScope, ref: string) {
  const ou = await queries.findOu(scope.db, scope.context.root.id, ref);
  if (!ou) throw notFound('OrganizationalUnitNotFoundException', `There is no organizational unit "${ref}" in this organization.`);
  return ou;
}

async function requireUniqueName(scope: OperationScope, parentOuId: string | null, name: string, exceptOuId?: string): Promise<void> {
  const sibling = await queries.findSiblingOuByName(scope.db, scope.context.root.id, parentOuId, name);
  if (sibling && sibling.id !== exceptOuId) {
    throw conflict('DuplicateOrganizationalUnitException', `An organizational unit named "${name}" already exists under this parent.`);
  }
}

/** CreateOrganizationalUnit: a new OU under the root or an OU, with FullAWSAccess / RCPFullAWSAccess as AWS attaches them. */
export async function createOrganizationalUnit(db: Db, input: MutationBase & { parentId: string; name: string; tags?: TagDto[] }) {
  return runMutation(db, 'createOrganizationalUnit', input, (scope) => createOrganizationalUnitIn(scope, input));
}

/** CreateOrganizationalUnit's work inside an edit already running (Control Tower's set-up creates its OUs). */
export async function createOrganizationalUnitIn(scope: OperationScope, input: { parentId: string; name: string; tags?: TagDto[] }) {
  const parent = await requireParent(scope.db, scope.context, input.parentId, 'ParentNotFoundException');
  const parentOuId = parent.kind === 'ou' ? parent.id : null;
  const { maxOuDepth, maxOusPerOrganization } = scope.quotas.organization;
  const tooDeep = ouCreateRefusal(input.name, (await queries.listOuAncestors(scope.db, parentOuId)).length, maxOuDepth);
  if (tooDeep) throw refusalError(tooDeep);
  const count = await queries.countOus(scope.db, scope.context.root.id);
  if (count >= maxOusPerOrganization) {
    throw constraintViolation('OU_NUMBER_LIMIT_EXCEEDED', `An organization has at most ${maxOusPerOrganization} OUs; this one already has ${count}.`);
  }
  await requireUniqueName(scope, parentOuId, input.name);
  const tags = mergeTags([], input.tags ?? []);
  const row = await scope.writer.create('ou', {
    rootId: scope.context.root.id,
    parentOuId,
    awsId: newOuAwsId(scope.context.root.awsId),
    name: input.name,
    tags: tagsToJson(tags),
  });
  await attachDefaultPolicies(scope, 'ouId', row.id);
  return { ou: toOuView(row, scope.context.root.id) };
}

/** UpdateOrganizationalUnit: renames an OU (names stay unique among siblings). */
export async function renameOrganizationalUnit(db: Db, input: MutationBase & { ouId: string; name: string }) {
  return runMutation(db, 'renameOrganizationalUnit', input, async (scope) => {
    const ou = await requireOu(scope, input.ouId);
    await requireUniqueName(scope, ou.parentOuId, input.name, ou.id);
    const row = await scope.writer.update('ou', ou.id, { name: input.name });
    return { ou: toOuView(row, scope.context.root.id) };
  });
}

/**
 * Moves an OU (with everything under it) to another parent. AWS Organizations has NO MoveOrganizationalUnit API:
 * in AWS the same result takes creating an OU at the destination, moving every account (MoveAccount) and child
 * OU (recursively, the same way) into it, re-attaching its policies and deleting the old OU, and the new OU gets
 * a new "ou-" id. The designer offers the move as one step for convenience and keeps the OU's id; it enforces
 * the rules that recreation would: the depth limit for the whole subtree, a unique name at the destination, and
 * no move into the OU's own subtree.
 */
export async function moveOrganizationalUnit(db: Db, input: MutationBase & { ouId: string; destinationParentId: string }) {
  return runMutation(db, 'moveOrganizationalUnit', input, async (scope) => {
    const ou = await requireOu(scope, input.ouId);
    const destination = await requireParent(scope.db, scope.context, input.destinationParentId, 'DestinationParentNotFoundException');
    const destinationOuId = destination.kind === 'ou' ? destination.id : null;
    // Ancestors of the destination (at most the depth limit of them) and the height of the moved subtree: only
    // this path and the moved subtree are read, not the whole tree. The rules are the editor's drag cue's too.
    const destinationPath = destinationOuId === ou.parentOuId ? [] : await queries.listOuAncestors(scope.db, destinationOuId);
    const refusal = ouMoveRefusal({
      ouId: ou.id,
      ouName: ou.name,
      currentParentOuId: ou.parentOuId,
      destinationOuId,
      destinationPath,
      subtreeHeight: destinationOuId === ou.parentOuId ? 1 : await queries.ouSubtreeHeight(scope.db, ou.id),
      maxOuDepth: scope.quotas.organization.maxOuDepth,
    });
    if (refusal) throw refusalError(refusal);
    await requireUniqueName(scope, destinationOuId, ou.name, ou.id);
    const row = await scope.writer.update('ou', ou.id, { parentOuId: destinationOuId });
    return { ou: toOuView(row, scope.context.root.id) };
  });
}

/** DeleteOrganizationalUnit: only an empty OU (no child OUs, no accounts); its policy attachments and Control Tower registration go with it. */
export async function deleteOrganizationalUnit(db: Db, input: MutationBase & { ouId: string }) {
  return runMutation(db, 'deleteOrganizationalUnit', input, async (scope) => {
    const ou = await requireOu(scope, input.ouId);
    const children = await queries.countOuChildren(scope.db, ou.id);
    if (children.ous > 0 || children.accounts > 0) {
      throw conflict(
        'OrganizationalUnitNotEmptyException',
        `Organizational unit "${ou.name}" still holds ${children.ous} OU(s) and ${children.accounts} account(s): move or remove them first.`,
      );
    }
    // Organizations lets a registered OU be deleted; Control Tower then updates itself, or reports landing zone
    // drift for the Security OU (governance-drift.html, "Deleted Foundational OU").
    if ((await queries.countOuControlTowerUses(scope.db, ou.id)) > 0) await reconcileDeletedOu(scope, ou);
    await detachEverything(scope, 'ouId', ou.id);
    await scope.writer.delete('ou', ou.id);
    return { ouId: ou.id, awsId: ou.awsId };
  });
}
