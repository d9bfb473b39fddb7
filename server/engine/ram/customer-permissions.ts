// Customer managed RAM permissions: the rules of their policy template, and what a version grants.
//
// API reference, CreatePermission / CreatePermissionVersion, policyTemplate: "A string in JSON format string that
// contains the following elements of a resource-based policy: Effect: must be set to ALLOW. Action: specifies the
// actions that are allowed by this customer managed permission. The list must contain only actions that are supported
// by the specified resource type. Condition: (optional)". RAM adds the Principal and the Resource itself.
// managed-permission-considerations.html: "Customer managed permissions with multiple statements aren't supported. You
// can only use single non-negating operators", and these condition keys are refused: aws:PrincipalOrgId,
// aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:SourceArn, aws:SourceAccount, aws:SourceOrgPaths, aws:SourceOrgID,
// and the system tags aws:PrincipalTag/aws:, aws:ResourceTag/aws:, aws:RequestTag/aws:.
// Our reading, stated where AWS gives no finer rule: "actions supported by the resource type" is checked as actions of
// the type's own service (ec2:IpamPool → ec2:…); "single" as no ForAllValues:/ForAnyValue: set operators.

import type { RamCustomerPermission } from '../types';
import { shareableType } from './shareable-resource-types';

/** A problem of a policy template, with the exception RAM answers. */
export interface TemplateProblem {
  /** MalformedPolicyTemplateException for the template's form, InvalidPolicyException for what it says. */
  error: 'MalformedPolicyTemplateException' | 'InvalidPolicyException';
  message: string;
}

/** What one version of a permission grants: its actions and its Condition block, if any. */
export interface PermissionTemplate {
  actions: string[];
  condition?: Record<string, Record<string, unknown>>;
}

const REFUSED_KEYS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgpaths', 'aws:sourceorgid'];
const REFUSED_TAG_PREFIXES = ['aws:principaltag/aws:', 'aws:resourcetag/aws:', 'aws:requesttag/aws:'];

/** Reads a policy template for a resource type: the grant, or the problems RAM refuses it for. */
export function readPermissionTemplate(text: string, resourceType: string): { template: PermissionTemplate } | { problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const malformed = (message: string) => problems.push({ error: 'MalformedPolicyTemplateException', message });
  const invalid = (message: string) => problems.push({ error: 'InvalidPolicyException', message });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    malformed('The policy template is not JSON.');
    return { problems };
  }
  if (Array.isArray(parsed) || (parsed && typeof parsed === 'object' && 'Statement' in parsed)) {
    malformed('A customer managed permission holds one statement body ({"Effect", "Action", "Condition"}), not a list of statements (managed-permission-considerations.html).');
    return { problems };
  }
  if (!parsed || typeof parsed !== 'object') {
    malformed('The policy template is a JSON object with Effect, Action and an optional Condition.');
    return { problems };
  }
  const body = parsed as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key === 'Principal' || key === 'NotPrincipal' || key === 'Resource' || key === 'NotResource') malformed(`Leave out ${key}: RAM fills in the share's principals and each shared resource.`);
    else if (key === 'NotAction') malformed('NotAction is not allowed: list the actions the permission grants in Action.');
    else if (!['Effect', 'Action', 'Condition', 'Sid'].includes(key)) malformed(`"${key}" is not an element of a policy template.`);
  }
  if (typeof body.Effect !== 'string' || body.Effect.toLowerCase() !== 'allow') invalid('Effect must be Allow.');
  const rawActions = typeof body.Action === 'string' ? [body.Action] : Array.isArray(body.Action) ? body.Action : null;
  const actions: string[] = [];
  if (!rawActions || rawActions.length === 0) malformed('Action must list at least one action.');
  const service = shareableType(resourceType)?.type.split(':')[0] ?? resourceType.split(':')[0];
  for (const action of rawActions ?? []) {
    if (typeof action !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
      malformed(`"${String(action)}" is not an action (service:Action).`);
      continue;
    }
    if (action.split(':')[0].toLowerCase() !== service.toLowerCase()) invalid(`${action} is not an action of ${resourceType} (only ${service}: actions apply to it).`);
    actions.push(action);
  }
  let condition: PermissionTemplate['condition'];
  if (body.Condition !== undefined) {
    if (!body.Condition || typeof body.Condition !== 'object' || Array.isArray(body.Condition)) {
      malformed('Condition is an object of operators.');
    } else {
      condition = body.Condition as Record<string, Record<string, unknown>>;
      for (const [operator, block] of Object.entries(condition)) {
        if (/not/i.test(operator.replace(/IfExists$/, ''))) invalid(`${operator} negates: customer managed permissions take only non-negating operators (managed-permission-considerations.html).`);
        if (/^for(all|any)value(s)?:/i.test(operator)) invalid(`${operator} is a set operator: customer managed permissions take only single operators (managed-permission-considerations.html).`);
        if (!block || typeof block !== 'object' || Array.isArray(block)) {
          malformed(`${operator} must map condition keys to values.`);
          continue;
        }
        for (const key of Object.keys(block)) {
          const lower = key.toLowerCase();
          if (REFUSED_KEYS.includes(lower) || REFUSED_TAG_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
            invalid(`${key} is not supported in customer managed permissions (managed-permission-considerations.html).`);
          }
        }
      }
    }
  }
  return problems.length > 0 ? { problems } : { template: { actions, condition } };
}

/** The version of a customer managed permission a share uses (its own, or the default), or undefined. */
export function customerPermissionVersion(permission: RamCustomerPermission, version: number | undefined): RamCustomerPermission['versions'][number] | undefined {
  const wanted = version ?? permission.defaultVersion;
  return permission.versions.find((v) => v.version === wanted);
}

/** What a customer managed permission's version grants in the engine (empty when the template does not read). */
export function customerPermissionGrant(permission: RamCustomerPermission, version: number | undefined): PermissionTemplate {
  const chosen = customerPermissionVersion(permission, version);
  if (!chosen) return { actions: [] };
  const read = readPermissionTemplate(chosen.policyTemplate, permission.resourceType);
  return 'template' in read ? read.template : { actions: [] };
}
