// A resource policy may name one session of a role (arn:aws:sts::ACCOUNT:assumed-role/ROLE/NAME): only a session of
// that name gets in (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session).
// who-can must list the role, conditional on the session's name, with the trace of that session's request; before, it
// decided the role's sessions as a whole and left it out.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAccessGraph, bundleToWorld, whoCanDo } from '@/server/engine';
import { mergeBundle } from '../../../fixtures/engine/load-fixtures';

const BASE = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/engine/_base/org.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
const BUCKET = 'arn:aws:s3:::audit-evidence-222222222222';

function role(name: string, id: string) {
  return {
    Path: '/', RoleName: name, RoleId: id, Arn: `arn:aws:iam::333333333333:role/${name}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }] },
    RolePolicyList: [{ PolicyName: 'read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }],
    AttachedManagedPolicies: [], Tags: [],
  };
}

const graph = (() => {
  const result = bundleToWorld(mergeBundle(BASE, {
    AuthorizationDetails: { '333333333333': { UserDetailList: [], GroupDetailList: [], Policies: [], RoleDetailList: [role('Auditor', 'AROA333333333333AUDIT'), role('Reader', 'AROA333333333333READE')] } },
    ResourcePolicies: [{
      ResourceArn: BUCKET, AccountId: '222222222222',
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::333333333333:assumed-role/Auditor/carol@example.com' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }] }),
    }],
  }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return buildAccessGraph(result.world);
})();

describe('who-can on a resource whose policy names one role session', () => {
  it('lists that role, conditional on the session name, traced as that session', () => {
    const result = whoCanDo(graph, { action: 's3:GetObject', resource: `${BUCKET}/2026/q4.pdf` });
    const auditor = result.answers.find((answer) => answer.principal === 'arn:aws:iam::333333333333:role/Auditor' && answer.path.hopCount === 0);
    expect(auditor).toMatchObject({ decision: 'conditional', callerSessionName: 'carol@example.com' });
    expect(auditor!.lastHop.decision).toBe('allowed');
    // Cross-account: the identity policy allows it, and the bucket policy lets in only Auditor's session named carol.
    expect(result.answers.some((answer) => answer.actingPrincipal === 'arn:aws:iam::333333333333:role/Reader')).toBe(false);
  });
});
