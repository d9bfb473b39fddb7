// effectivePermissions asks the engine about the resource patterns identity statements name. A pattern whose account
// field is a wildcard ("arn:aws:iam::*:policy/team-*") grants on the principal's own account's resources, which is
// where IAM lets it act without any resource-based policy (reference_policies_evaluation-logic.html; the shape is that
// of cloudsplaining's "exploitable resource constraint" example role). Asked about the pattern itself, the engine
// saw account "*" as another account and the action went missing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '@/server/catalog/iam-data-source';
import { bundleToWorld, compileWorld, effectivePermissions } from '@/server/engine';
import { mergeBundle } from '../../../fixtures/engine/load-fixtures';

const BASE = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/engine/_base/org.json', import.meta.url)), 'utf8')) as Record<string, unknown>;

function roleWith(name: string, statements: unknown[]) {
  return {
    Path: '/', RoleName: name, RoleId: `AROA333333333333${name.slice(0, 5).toUpperCase().padEnd(5, 'X')}`, Arn: `arn:aws:iam::333333333333:role/${name}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: statements } }], AttachedManagedPolicies: [], Tags: [],
  };
}

const world = (() => {
  const result = bundleToWorld(mergeBundle(BASE, {
    AuthorizationDetails: {
      '333333333333': {
        UserDetailList: [], GroupDetailList: [], Policies: [],
        RoleDetailList: [
          roleWith('PolicyEditor', [{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws:iam::*:policy/team-*' }]),
          // Another account's queue first, its own second: the action is the principal's on its own queue.
          roleWith('QueueReader', [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: ['arn:aws:sqs:eu-west-1:999988887777:partner', 'arn:aws:sqs:eu-west-1:333333333333:orders'] }]),
          roleWith('OutsideOnly', [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:eu-west-1:999988887777:partner' }]),
        ],
      },
    },
  }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return compileWorld(result.world);
})();

function actionsOf(role: string, service: string) {
  const permissions = effectivePermissions(world, `arn:aws:iam::333333333333:role/${role}`, getIamDataCatalog(), [], [service]);
  return permissions.services.flatMap((entry) => entry.levels.flatMap((level) => level.actions));
}

describe('effectivePermissions on resource patterns', () => {
  it('lists an action granted on a pattern with a wildcard account, with the pattern as written', () => {
    expect(actionsOf('PolicyEditor', 'iam')).toEqual([{ action: 'iam:CreatePolicyVersion', decision: 'allowed', resources: ['arn:aws:iam::*:policy/team-*'] }]);
  });

  it('asks about the principal\'s own account first, whatever order the statement lists its resources in', () => {
    expect(actionsOf('QueueReader', 'sqs')).toEqual([{
      action: 'sqs:ReceiveMessage', decision: 'allowed', resources: ['arn:aws:sqs:eu-west-1:333333333333:orders', 'arn:aws:sqs:eu-west-1:999988887777:partner'],
    }]);
  });

  it('leaves out an action granted only on another account\'s resource that no resource-based policy opens', () => {
    expect(actionsOf('OutsideOnly', 'sqs')).toEqual([]);
  });
});
