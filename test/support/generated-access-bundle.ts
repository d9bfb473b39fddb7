// A generated organization for access tests, in the AWS export bundle's shapes (describe-organization, list-roots,
// list-accounts, list-policies, get-account-authorization-details): `accounts` accounts in five team OUs, each with
// `rolesPerAccount` roles whose trust policies cross accounts as landing zones do (OrganizationAccountAccessRole from
// the management account, a deploy role trusted by the Shared Services pipeline, a peer role trusted by the next
// account's peer role, a break-glass role needing MFA, a partner role with an ExternalId in every fourth account, and
// service roles). Deterministic.

/** Options of the generated organization. */
export interface GeneratedAccessOptions {
  accounts: number;
  rolesPerAccount: number;
}

const CREATED = '2025-03-01T09:00:00Z';
const ORG = 'o-genaccess01';
const ROOT = 'r-gen1';
/** The management account (index 0); index 1 is Shared Services, whose Pipeline role may assume any role. */
export const GENERATED_MANAGEMENT = '400000000000';
export const GENERATED_SHARED = '400000000001';

/** The id of the i-th account. */
export function generatedAccountId(i: number): string {
  return String(400000000000 + i);
}

/** The bundle, ready for importBundle. */
export function generatedAccessBundle({ accounts: count, rolesPerAccount }: GeneratedAccessOptions): Record<string, unknown> {
  const organizationArn = (kind: string, id: string) => `arn:aws:organizations::${GENERATED_MANAGEMENT}:${kind}/${ORG}/${id}`;
  const units = Array.from({ length: 5 }, (_, i) => ({ Id: `ou-gen1-team${String(i).padStart(4, '0')}`, Arn: organizationArn('ou', `ou-gen1-team${String(i).padStart(4, '0')}`), Name: `Team ${i}`, ParentId: ROOT }));
  const administrator = {
    PolicyName: 'AdministratorAccess', PolicyId: 'ANPAIWMBCKSKIEE64ZLYK', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', Path: '/', DefaultVersionId: 'v1',
    AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: CREATED, UpdateDate: CREATED,
    PolicyVersionList: [{ Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, VersionId: 'v1', IsDefaultVersion: true, CreateDate: CREATED }],
  };
  const assumeAny = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }] };
  let roleNumber = 0;
  const role = (accountId: string, name: string, principal: object, condition?: object, inline?: object) => ({
    Path: '/', RoleName: name, RoleId: `AROAGEN${String(++roleNumber).padStart(13, '0')}`, Arn: `arn:aws:iam::${accountId}:role/${name}`, CreateDate: CREATED,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] },
    InstanceProfileList: [], RolePolicyList: inline ? [{ PolicyName: `${name}Policy`, PolicyDocument: inline }] : [],
    AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: administrator.Arn }], Tags: [], RoleLastUsed: {},
  });
  const accounts = [];
  const authorizationDetails: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const id = generatedAccountId(i);
    const next = generatedAccountId(i === count - 1 ? 2 : i + 1);
    accounts.push({
      Id: id, Arn: organizationArn('account', id), Email: `aws+${i}@generated.example.com`, Name: i === 0 ? 'management' : i === 1 ? 'shared-services' : `workload-${String(i).padStart(3, '0')}`,
      State: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: CREATED, ParentId: i === 0 ? ROOT : units[i % units.length].Id,
    });
    const roles = [
      role(id, 'OrganizationAccountAccessRole', { AWS: `arn:aws:iam::${GENERATED_MANAGEMENT}:root` }),
      role(id, 'DeployRole', { AWS: `arn:aws:iam::${GENERATED_SHARED}:role/Pipeline` }),
      role(id, 'PeerRole', { AWS: `arn:aws:iam::${next}:role/PeerRole` }, undefined, assumeAny),
      role(id, 'BreakGlass', { AWS: `arn:aws:iam::${GENERATED_MANAGEMENT}:root` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
      ...(i % 4 === 0 ? [role(id, 'PartnerRole', { AWS: 'arn:aws:iam::999988887777:root' }, { StringEquals: { 'sts:ExternalId': `ext-${i}` } })] : []),
      ...(i === 1 ? [role(id, 'Pipeline', { Service: 'codebuild.amazonaws.com' }, undefined, assumeAny)] : []),
    ];
    for (let r = roles.length; r < rolesPerAccount; r++) roles.push(role(id, `App${r}`, { Service: r % 2 === 0 ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com' }));
    authorizationDetails[id] = { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: [administrator] };
  }
  return {
    Organization: { Id: ORG, Arn: `arn:aws:organizations::${GENERATED_MANAGEMENT}:organization/${ORG}`, FeatureSet: 'ALL', MasterAccountArn: organizationArn('account', GENERATED_MANAGEMENT), MasterAccountId: GENERATED_MANAGEMENT, MasterAccountEmail: 'root@generated.example.com' },
    Roots: [{ Id: ROOT, Arn: organizationArn('root', ROOT), Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
    OrganizationalUnits: units,
    Accounts: accounts,
    Policies: [{
      PolicySummary: { Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true },
      Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      Targets: [{ TargetId: ROOT, Arn: organizationArn('root', ROOT), Name: 'Root', Type: 'ROOT' }, ...units.map((unit) => ({ TargetId: unit.Id, Arn: unit.Arn, Name: unit.Name, Type: 'ORGANIZATIONAL_UNIT' })), ...accounts.map((account) => ({ TargetId: account.Id, Arn: account.Arn, Name: account.Name, Type: 'ACCOUNT' }))],
    }],
    AuthorizationDetails: authorizationDetails,
  };
}
