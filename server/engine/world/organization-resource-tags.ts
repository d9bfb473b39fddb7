// The tags of an organization's own resources, by ARN: the root, the OUs, the member accounts and the policies. They are
// the aws:ResourceTag/* of organizations:* calls on those resources: the Service Authorization Reference lists the key
// for the account, organizationalunit, root and policy resource types
// (service-authorization/latest/reference/list_awsorganizations.html), and TagResource tags exactly those four kinds
// (organizations/latest/APIReference/API_TagResource.html). Every resource of the organization is listed, tagged or
// not: an untagged account has no aws:ResourceTag/* keys, which is AWS's answer, not a value the caller left out.
// AWS-managed policies (FullAWSAccess) cannot be tagged and their ARN has no organization in it.

import type { Tag } from '../types';

/** An Organizations policy as the tag index needs it: its id, type name as Organizations spells it, and tags. */
export interface TaggedOrganizationsPolicy {
  /** "p-…" id. */
  id: string;
  /** The Organizations policy type, e.g. "SERVICE_CONTROL_POLICY" (its ARN carries it in lower case). */
  type: string;
  /** AWS-managed policies live under arn:aws:organizations::aws:policy/… and carry no tags. */
  awsManaged: boolean;
  /** The policy's tags. */
  tags: readonly Tag[];
}

/** What an organization's resource tags are read from: its ids, and each resource with its tags. */
export interface OrganizationTagSource {
  /** "o-…" id. */
  organizationId: string;
  /** The management account, whose id is the account field of every Organizations ARN. */
  managementAccountId: string;
  /** The root, when there is one. */
  root?: { id: string; tags: readonly Tag[] };
  /** Every OU. */
  ous: readonly { id: string; tags: readonly Tag[] }[];
  /** The member accounts (the management account included). */
  accounts: readonly { id: string; tags: readonly Tag[] }[];
  /** Policies of every type. */
  policies: readonly TaggedOrganizationsPolicy[];
}

const NO_TAGS: readonly Tag[] = Object.freeze([]);

/** The tags of every resource of the organization by its Organizations ARN; untagged resources map to an empty list. */
export function organizationResourceTags(source: OrganizationTagSource): Record<string, Tag[]> {
  const prefix = `arn:aws:organizations::${source.managementAccountId}:`;
  const org = source.organizationId;
  const byArn: Record<string, Tag[]> = {};
  const add = (arn: string, tags: readonly Tag[]) => {
    byArn[arn] = tags.map((tag) => ({ key: tag.key, value: tag.value }));
  };
  if (source.root) add(`${prefix}root/${org}/${source.root.id}`, source.root.tags);
  for (const ou of source.ous) add(`${prefix}ou/${org}/${ou.id}`, ou.tags);
  for (const account of source.accounts) add(`${prefix}account/${org}/${account.id}`, account.tags);
  for (const policy of source.policies) {
    const type = policy.type.toLowerCase();
    if (policy.awsManaged) add(`arn:aws:organizations::aws:policy/${type}/${policy.id}`, NO_TAGS);
    else add(`${prefix}policy/${org}/${type}/${policy.id}`, policy.tags);
  }
  return byArn;
}
