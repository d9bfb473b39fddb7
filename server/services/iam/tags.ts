import 'server-only';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import { tagsToJson } from '../../db/json-values';
import type { EntityKind } from '../../db/org-mutations';
import type { IamEditResult } from '../../schemas/iam';
import { runMutation, type OperationScope } from '../organizations/mutation';
import { iamEntityArn, mergeIamTags, requireIamAccount, requireModifiableRole, requireRole, requireUser } from './common';
import { requireCustomerManagedPolicy } from './managed-policy-refs';
import type { IamEditBase } from './roles';

// TagRole / UntagRole, TagUser / UntagUser, TagPolicy / UntagPolicy (IAM API reference; id_tags.html: at most 50
// tags per resource, keys beginning with "aws:" reserved). IAM groups cannot be tagged.

type TaggableRef = { resourceType: 'role' | 'user' | 'policy'; resourceName: string };
const WORD = { role: 'Role', user: 'User', policy: 'Policy' } as const;

interface Taggable {
  kind: Extract<EntityKind, 'iamRole' | 'iamUser' | 'iamManagedPolicy'>;
  id: string;
  tags: TagDto[];
  entity: IamEditResult['entity'];
}

async function requireTaggable(scope: OperationScope, input: IamEditBase & TaggableRef): Promise<Taggable> {
  const account = await requireIamAccount(scope, input.accountId);
  if (input.resourceType === 'role') {
    const role = await requireRole(scope, account, input.resourceName);
    requireModifiableRole(role);
    return { kind: 'iamRole', id: role.id, tags: role.tags, entity: { type: 'role', name: role.name, arn: iamEntityArn(account.accountId, 'role', role.path, role.name) } };
  }
  if (input.resourceType === 'user') {
    const user = await requireUser(scope, account, input.resourceName);
    return { kind: 'iamUser', id: user.id, tags: user.tags, entity: { type: 'user', name: user.name, arn: iamEntityArn(account.accountId, 'user', user.path, user.name) } };
  }
  const policy = await requireCustomerManagedPolicy(scope, account, input.resourceName);
  return { kind: 'iamManagedPolicy', id: policy.id, tags: policy.tags, entity: { type: 'policy', name: policy.name, arn: policy.arn } };
}

/** TagRole / TagUser / TagPolicy: adds tags or replaces the values of keys already there. */
export async function tagIamResource(db: Db, input: IamEditBase & TaggableRef & { tags: TagDto[] }): Promise<IamEditResult> {
  return runMutation(db, `tag${WORD[input.resourceType]}`, input, async (scope) => {
    const target = await requireTaggable(scope, input);
    const tags = mergeIamTags(target.tags, input.tags, scope.quotas);
    await scope.writer.update(target.kind, target.id, { tags: tagsToJson(tags) });
    return { entity: target.entity, warnings: [] };
  });
}

/** UntagRole / UntagUser / UntagPolicy: removes the keys given (keys not there are ignored, as in AWS). */
export async function untagIamResource(db: Db, input: IamEditBase & TaggableRef & { tagKeys: string[] }): Promise<IamEditResult> {
  return runMutation(db, `untag${WORD[input.resourceType]}`, input, async (scope) => {
    const target = await requireTaggable(scope, input);
    const remove = new Set(input.tagKeys);
    await scope.writer.update(target.kind, target.id, { tags: tagsToJson(target.tags.filter((t) => !remove.has(t.key))) });
    return { entity: target.entity, warnings: [] };
  });
}
