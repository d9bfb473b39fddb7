// kms:CallerAccount is the caller's own account, set by KMS on every KMS request
// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account).
// Who-can groups alike principals of many accounts into one decision; a key policy open to "*" through
// kms:CallerAccount (the shape of every AWS managed key's policy) must still tell the accounts apart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAccessGraph, bundleToWorld, evaluate, whoCanDo } from '@/server/engine';
import { decisionSignature } from '@/server/engine/access/decision-signature';
import { mergeBundle } from '../../../fixtures/engine/load-fixtures';

type Json = Record<string, unknown>;
const BASE = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/engine/_base/org.json', import.meta.url)), 'utf8')) as Json;
const OWNER = '333333333333';
const PARTNER = '444444444444';
const ACCOUNTS = ['333333333333', PARTNER, '555555555555'];
const KEY = `arn:aws:kms:eu-west-1:${OWNER}:key/3456cdef-34cd-56ef-7890-34567890abcd`;

/** The same role, with the same policies, in each account. */
function role(accountId: string) {
  return {
    Path: '/', RoleName: 'ebs-user', RoleId: `AROA${accountId}EBSUSER`, Arn: `arn:aws:iam::${accountId}:role/ebs-user`, CreateDate: '2024-03-01T10:00:00Z',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    InstanceProfileList: [], AttachedManagedPolicies: [], Tags: [],
    RolePolicyList: [{ PolicyName: 'kms', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] } }],
  };
}

const bundle = mergeBundle(BASE, {
  AuthorizationDetails: Object.fromEntries(ACCOUNTS.map((accountId) => [accountId, { UserDetailList: [], GroupDetailList: [], RoleDetailList: [role(accountId)], Policies: [] }])),
  ResourcePolicies: [{
    ResourceArn: KEY,
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'AllowThroughEbsInTheAccount', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*',
        // The key's account and one partner account of the organization: two cross-account callers differ.
        Condition: { StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com', 'kms:CallerAccount': [OWNER, PARTNER] } },
      }],
    }),
  }],
});

describe('kms:CallerAccount', () => {
  it('lets in only principals of the accounts it names, in who-can as in each evaluation', () => {
    const result = bundleToWorld(bundle);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const graph = buildAccessGraph(result.world);
    const context = [{ key: 'kms:ViaService', values: ['ec2.eu-west-1.amazonaws.com'], type: 'string' as const }];
    const answers = whoCanDo(graph, { action: 'kms:Decrypt', resource: KEY, context });
    const direct = answers.answers.filter((answer) => answer.path.hopCount === 0).map((answer) => answer.principal);
    expect(direct.filter((arn) => arn.endsWith(':role/ebs-user')).sort()).toEqual([`arn:aws:iam::${OWNER}:role/ebs-user`, `arn:aws:iam::${PARTNER}:role/ebs-user`]);
    for (const accountId of ACCOUNTS) {
      const decision = evaluate(graph.compiled, { principalArn: `arn:aws:iam::${accountId}:role/ebs-user`, action: 'kms:Decrypt', resource: KEY, context });
      expect([accountId, decision.decision, decision.missingContextValues]).toEqual([accountId, accountId === '555555555555' ? 'implicitDeny' : 'allowed', []]);
    }
    // The decision signature, by which equal requests share one evaluation, reads the caller's account for the key.
    const signatureOf = (accountId: string) => decisionSignature(graph.compiled, graph.compiled.principal(`arn:aws:iam::${accountId}:role/ebs-user`), 'kms:Decrypt', KEY, context);
    expect(signatureOf(PARTNER)?.key).toContain(`kms:calleraccount=string:["${PARTNER}"]`);
    expect(signatureOf(PARTNER)?.principalPortable).toBe(false);
  });
});
