// The migration plan's Terraform adopts what the live organization already has, with the import ids the AWS
// provider documents: aws_organizations_policy_attachment "TARGET_ID:POLICY_ID" and
// aws_organizations_delegated_administrator "ACCOUNT_ID/SERVICE_PRINCIPAL"
// (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/organizations_policy_attachment#import,
// .../organizations_delegated_administrator#import).
import { describe, expect, it } from 'vitest';
import type { InterchangeDesign } from '@/server/engine/aws/bundle/model';
import type { MigrationPlan } from '@/server/engine/analysis/migration-plan/types';
import { planToTerraform } from '@/server/services/plan/write-plan-terraform';

const design: InterchangeDesign = {
  organization: { awsId: 'o-abcdefghij', featureSet: 'ALL', managementAccountId: '111111111111', serviceAccessPrincipals: ['config.amazonaws.com'] },
  root: { awsId: 'r-ab12', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }], tags: [] },
  ous: [{ awsId: 'ou-ab12-security', name: 'Security', parentId: 'r-ab12', tags: [] }],
  accounts: [
    { accountId: '111111111111', name: 'management', email: 'm@example.com', joinedMethod: 'CREATED', status: 'ACTIVE', joinedAt: null, parentId: 'r-ab12', tags: [] },
    { accountId: '222222222222', name: 'audit', email: 'a@example.com', joinedMethod: 'CREATED', status: 'ACTIVE', joinedAt: null, parentId: 'ou-ab12-security', tags: [] },
  ],
  policies: [{ awsId: 'p-guard123', type: 'SERVICE_CONTROL_POLICY', name: 'Guard', description: '', content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}', awsManaged: false, tags: [], targetIds: ['ou-ab12-security'] }],
  delegatedAdministrators: [{ accountId: '222222222222', servicePrincipal: 'config.amazonaws.com' }],
  managedPolicies: [], iam: {}, resourcePolicies: [], resourceTags: {},
};

describe('plan Terraform import ids', () => {
  it('adopts an existing attachment as TARGET_ID:POLICY_ID and a delegated administrator as ACCOUNT_ID/SERVICE_PRINCIPAL', () => {
    const plan: MigrationPlan = {
      steps: [], unplaced: [], warnings: [], wideningSteps: 0, organizationId: 'o-abcdefghij', created: [],
      matches: [
        { kind: 'ou', name: 'Security', designId: 'ou-ab12-security', liveId: 'ou-ab12-security', method: 'id' },
        { kind: 'policy', name: 'Guard', designId: 'p-guard123', liveId: 'p-guard123', method: 'id' },
        { kind: 'account', name: 'audit', designId: '222222222222', liveId: '222222222222', method: 'id' },
      ],
    };
    const terraform = planToTerraform(plan, design, design, 'same') as { import: { to: string; id: string }[] };
    expect(terraform.import).toContainEqual({ to: 'aws_organizations_policy_attachment.policy_guard123__target_ab12-security', id: 'ou-ab12-security:p-guard123' });
    expect(terraform.import).toContainEqual({ to: 'aws_organizations_delegated_administrator.account_222222222222__config_amazonaws_com', id: '222222222222/config.amazonaws.com' });
  });
});
