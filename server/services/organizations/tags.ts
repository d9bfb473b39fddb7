import 'server-only';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import * as queries from '../../db/org-mutations-queries';
import { tagsToJson } from '../../db/json-values';
import type { EntityKind } from '../../db/org-mutations';
import { constraintViolation, invalidInput, notFound } from './aws-errors';
import { findTarget, runMutation, type MutationBase, type OperationScope } from './mutation';

// TagResource / UntagResource on the root, OUs, accounts and policies. Limits from the Organizations API
// reference (Tag: Key 1-128, Value 0-256 characters) and orgs_reference_limits.html (50 tags per resource);
// keys starting with "aws:" are reserved for AWS (InvalidInputException INVALID_SYSTEM_TAGS_PARAMETER).

/** Most tags one resource may carry. */
export const MAX_TAGS_PER_RESOURCE = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
/**
 * The characters Organizations accepts in tag keys and values (Tag data type, "Pattern"):
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_Tag.html. Letters, digits and spaces of any
 * script, and _ . : / = + - @. It also keeps "${…}", "%{…}" and "{{resolve:…}}" out of exported IaC.
 */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Checks tags as TagResource does, alone and merged into `existing`; returns the merged set. */
export function mergeTags(existing: readonly TagDto[], added: readonly TagDto[]): TagDto[] {
  const seen = new Set<string>();
  for (const tag of added) {
    if (tag.key.length < 1) throw invalidInput('MIN_LENGTH_EXCEEDED', 'A tag key must have at least 1 character.');
    if (tag.key.length > MAX_KEY_LENGTH) throw invalidInput('MAX_LENGTH_EXCEEDED', `Tag key "${tag.key.slice(0, 40)}…" is longer than ${MAX_KEY_LENGTH} characters.`);
    if (tag.value.length > MAX_VALUE_LENGTH) throw invalidInput('MAX_LENGTH_EXCEEDED', `The value of tag "${tag.key}" is longer than ${MAX_VALUE_LENGTH} characters.`);
    if (tag.key.toLowerCase().startsWith('aws:')) {
      throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', `Tag key "${tag.key}" starts with "aws:", which is reserved for AWS.`);
    }
    for (const [what, text] of [['key', tag.key], ['value', tag.value]] as const) {
      const bad = [...text].find((character) => !TAG_PATTERN.test(character));
      if (bad !== undefined) {
        throw invalidInput(
          'INVALID_PATTERN',
          `Tag ${what} "${text.slice(0, 40)}" contains ${JSON.stringify(bad)}: tags may hold letters, digits, spaces and _ . : / = + - @ only.`,
        );
      }
    }
    if (seen.has(tag.key)) throw invalidInput('DUPLICATE_TAG_KEY', `Tag key "${tag.key}" appears twice in the request.`);
    seen.add(tag.key);
  }
  const merged = new Map(existing.map((tag) => [tag.key, tag.value]));
  for (const tag of added) merged.set(tag.key, tag.value);
  if (merged.size > MAX_TAGS_PER_RESOURCE) {
    throw constraintViolation('MAX_TAG_LIMIT_EXCEEDED', `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags; this change would give it ${merged.size}.`);
  }
  return [...merged].map(([key, value]) => ({ key, value }));
}

/** A taggable resource of the design: root, OU, member account or policy. */
interface Taggable {
  kind: EntityKind;
  id: string;
  tags: TagDto[];
}

async function requireTaggable(scope: OperationScope, ref: string): Promise<Taggable> {
  const { db, context } = scope;
  const target = await findTarget(db, context, ref);
  if (target?.kind === 'root') return { kind: 'root', id: target.id, tags: context.root.tags };
  if (target?.kind === 'ou') return { kind: 'ou', id: target.id, tags: (await queries.findOu(db, context.root.id, target.id))!.tags };
  if (target?.kind === 'account') return { kind: 'account', id: target.id, tags: (await queries.findAccount(db, context.designId, target.id))!.tags };
  const policy = await queries.findPolicy(db, context.organization.id, ref);
  if (policy) return { kind: 'policy', id: policy.id, tags: policy.tags };
  throw notFound('TargetNotFoundException', `There is no root, OU, account or policy "${ref}" in this organization.`);
}

/** TagResource: adds or overwrites tags on a root, OU, account or policy. */
export async function tagResource(db: Db, input: MutationBase & { resourceId: string; tags: TagDto[] }) {
  return runMutation(db, 'tagResource', input, async (scope) => {
    const resource = await requireTaggable(scope, input.resourceId);
    const tags = mergeTags(resource.tags, input.tags);
    await scope.writer.update(resource.kind, resource.id, { tags: tagsToJson(tags) });
    return { resourceId: resource.id, tags };
  });
}

/** UntagResource: removes tags by key (keys that are not present are ignored, as AWS does). */
export async function untagResource(db: Db, input: MutationBase & { resourceId: string; tagKeys: string[] }) {
  return runMutation(db, 'untagResource', input, async (scope) => {
    const resource = await requireTaggable(scope, input.resourceId);
    for (const key of input.tagKeys) {
      if (key.toLowerCase().startsWith('aws:')) {
        throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', `Tag key "${key}" starts with "aws:", which is reserved for AWS.`);
      }
    }
    const removed = new Set(input.tagKeys);
    const tags = resource.tags.filter((tag) => !removed.has(tag.key));
    await scope.writer.update(resource.kind, resource.id, { tags: tagsToJson(tags) });
    return { resourceId: resource.id, tags };
  });
}
