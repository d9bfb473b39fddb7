// RAM's condition keys with the values a RAM API call implies (Service Authorization Reference, "Condition keys for
// AWS Resource Access Manager": docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourceaccessmanagerram.html;
// the SCP examples of ram/latest/userguide/scp.html use them). Request keys come from the call's parameters; the keys
// of an existing share (ram:ResourceShareName, ram:AllowsExternalPrincipals) come from the share the call acts on.

import type { ContextEntry, RamShare } from '../types';
import { shareableTypeOfArn } from './shareable-resource-types';

/** A RAM API call, with the parameters that set condition keys. */
export interface RamApiCall {
  /** e.g. "ram:CreateResourceShare". */
  action: string;
  /** allowExternalPrincipals of CreateResourceShare / UpdateResourceShare. */
  allowExternalPrincipals?: boolean;
  /** principals of CreateResourceShare / AssociateResourceShare. */
  principals?: readonly string[];
  /** resourceArns of CreateResourceShare / AssociateResourceShare. */
  resourceArns?: readonly string[];
  /** permissionArns / permissionArn. */
  permissionArns?: readonly string[];
  /** resourceType parameter of the calls that name one (ListPermissions, CreatePermission). */
  resourceType?: string;
}

/**
 * The request contexts a RAM call is authorized with. AWS RAM "authorizes each principal and resource independently,
 * so there could be multiple request contexts" (security-iam-policies-examples.html, Example 2; security-scp.html):
 * one context per principal named (ram:Principal, single-valued), one per resource named (ram:ResourceArn and its
 * ram:RequestedResourceType), each with the call-level keys (ram:RequestedAllowsExternalPrincipals,
 * ram:PermissionArn); a call that names neither has one context with the call-level keys. The call is allowed only
 * when every context is.
 */
export function ramRequestContexts(call: RamApiCall): ContextEntry[][] {
  const common: ContextEntry[] = [];
  if (call.allowExternalPrincipals !== undefined) {
    common.push({ key: 'ram:RequestedAllowsExternalPrincipals', values: [String(call.allowExternalPrincipals)], type: 'boolean' });
  }
  const permissions = call.permissionArns ?? [];
  if (permissions.length > 0) common.push({ key: 'ram:PermissionArn', values: [...permissions], type: permissions.length === 1 ? 'string' : 'stringList' });
  if (call.resourceType) common.push({ key: 'ram:RequestedResourceType', values: [call.resourceType], type: 'string' });
  const contexts: ContextEntry[][] = [];
  for (const principal of call.principals ?? []) {
    contexts.push([...common, { key: 'ram:Principal', values: [principal], type: 'string' }]);
  }
  for (const arn of call.resourceArns ?? []) {
    const type = shareableTypeOfArn(arn);
    contexts.push([
      ...common.filter((e) => e.key !== 'ram:RequestedResourceType'),
      { key: 'ram:ResourceArn', values: [arn], type: 'string' },
      ...(type ? [{ key: 'ram:RequestedResourceType', values: [type.type], type: 'string' as const }] : []),
    ]);
  }
  return contexts.length > 0 ? contexts : [common];
}

/** The keys of an existing share that a call on it carries: ram:ResourceShareName, ram:AllowsExternalPrincipals. */
export function ramShareContext(share: Pick<RamShare, 'name' | 'allowExternalPrincipals' | 'ownerAccountId'>): ContextEntry[] {
  return [
    { key: 'ram:ResourceShareName', values: [share.name], type: 'string' },
    { key: 'ram:AllowsExternalPrincipals', values: [String(share.allowExternalPrincipals)], type: 'boolean' },
    { key: 'ram:ShareOwnerAccountId', values: [share.ownerAccountId], type: 'string' },
  ];
}
