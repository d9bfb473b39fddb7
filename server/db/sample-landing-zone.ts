import 'server-only';

// The sample landing zone as data: shaped like the AWS whitepaper "Organizing Your AWS Environment Using
// Multiple Accounts" (docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/) — Security OU with
// Log Archive and Audit, Infrastructure OU, Workloads OU split into Prod and NonProd, Sandbox OU, and a
// Suspended OU for accounts on their way out. seed.ts writes it; the ids are fixed so the seed is repeatable.

/** Name of the seeded design. */
export const SAMPLE_DESIGN_NAME = 'Sample landing zone';

/** The sample organization's id. */
export const ORG_ID = 'o-7k2m9x4q1p';
/** The sample root's id (its suffix prefixes every OU id). */
export const ROOT_ID = 'r-8f3d';
/** Control Tower home region of the sample. */
export const HOME_REGION = 'eu-west-1';
/** Regions the region-deny SCP allows (and Control Tower governs). */
export const ALLOWED_REGIONS = ['eu-west-1', 'eu-central-1'];

/** An OU of the sample; parent undefined = directly under the root. */
export interface SampleOu {
  key: string;
  awsId: string;
  name: string;
  parent?: string;
}

/** The OUs, parents before children. */
export const SAMPLE_OUS: SampleOu[] = [
  { key: 'security', awsId: 'ou-8f3d-s3c9a1b2', name: 'Security' },
  { key: 'infrastructure', awsId: 'ou-8f3d-1nfr4x7c', name: 'Infrastructure' },
  { key: 'workloads', awsId: 'ou-8f3d-w0rk5l0d', name: 'Workloads' },
  { key: 'prod', awsId: 'ou-8f3d-pr0d7x2k', name: 'Prod', parent: 'workloads' },
  { key: 'nonprod', awsId: 'ou-8f3d-n0npr0d5', name: 'NonProd', parent: 'workloads' },
  { key: 'sandbox', awsId: 'ou-8f3d-s4ndb0x1', name: 'Sandbox' },
  { key: 'suspended', awsId: 'ou-8f3d-susp3nd9', name: 'Suspended' },
];

/** An account of the sample; parent undefined = directly under the root. */
export interface SampleAccount {
  key: string;
  accountId: string;
  name: string;
  email: string;
  parent?: string;
  joinedMethod: 'CREATED' | 'INVITED';
  status: 'ACTIVE' | 'SUSPENDED';
  tags: { key: string; value: string }[];
}

const env = (value: string) => [{ key: 'environment', value }];

/** The accounts, management account first. */
export const SAMPLE_ACCOUNTS: SampleAccount[] = [
  { key: 'management', accountId: '381492650173', name: 'Management', email: 'aws+management@example.com', joinedMethod: 'CREATED', status: 'ACTIVE', tags: env('shared') },
  { key: 'logArchive', accountId: '502718394620', name: 'Log Archive', email: 'aws+log-archive@example.com', parent: 'security', joinedMethod: 'CREATED', status: 'ACTIVE', tags: env('shared') },
  { key: 'audit', accountId: '617283940516', name: 'Audit', email: 'aws+audit@example.com', parent: 'security', joinedMethod: 'CREATED', status: 'ACTIVE', tags: env('shared') },
  { key: 'network', accountId: '724019385562', name: 'Network', email: 'aws+network@example.com', parent: 'infrastructure', joinedMethod: 'CREATED', status: 'ACTIVE', tags: env('shared') },
  { key: 'sharedServices', accountId: '839156027418', name: 'Shared Services', email: 'aws+shared-services@example.com', parent: 'infrastructure', joinedMethod: 'CREATED', status: 'ACTIVE', tags: env('shared') },
  { key: 'paymentsProd', accountId: '415926037184', name: 'Payments Prod', email: 'aws+payments-prod@example.com', parent: 'prod', joinedMethod: 'CREATED', status: 'ACTIVE', tags: [...env('prod'), { key: 'team', value: 'payments' }] },
  { key: 'webProd', accountId: '268413970251', name: 'Web Prod', email: 'aws+web-prod@example.com', parent: 'prod', joinedMethod: 'CREATED', status: 'ACTIVE', tags: [...env('prod'), { key: 'team', value: 'web' }] },
  { key: 'paymentsNonProd', accountId: '193847562019', name: 'Payments NonProd', email: 'aws+payments-nonprod@example.com', parent: 'nonprod', joinedMethod: 'CREATED', status: 'ACTIVE', tags: [...env('nonprod'), { key: 'team', value: 'payments' }] },
  { key: 'webNonProd', accountId: '356102948873', name: 'Web NonProd', email: 'aws+web-nonprod@example.com', parent: 'nonprod', joinedMethod: 'CREATED', status: 'ACTIVE', tags: [...env('nonprod'), { key: 'team', value: 'web' }] },
  { key: 'sandbox', accountId: '948271635042', name: 'Sandbox', email: 'aws+sandbox@example.com', parent: 'sandbox', joinedMethod: 'CREATED', status: 'ACTIVE', tags: env('sandbox') },
  // Joined by invitation (no OrganizationAccountAccessRole) and suspended: parked before closure.
  { key: 'legacyAnalytics', accountId: '860417253396', name: 'Legacy Analytics', email: 'aws+legacy-analytics@example.com', parent: 'suspended', joinedMethod: 'INVITED', status: 'SUSPENDED', tags: env('retired') },
];

/**
 * The sample's quota overrides: its account quota raised through Service Quotas (AWS's default of 10 would not hold
 * its own accounts, and leaves no room to add one). 50 is a common first increase, well under AWS's documented 10,000.
 */
export const SAMPLE_QUOTA_OVERRIDES = { organization: { defaultMaxAccounts: 50 } };

/** The sample account with that key; throws for an unknown key. */
export function sampleAccount(key: string): SampleAccount {
  const account = SAMPLE_ACCOUNTS.find((a) => a.key === key);
  if (!account) throw new Error(`No sample account "${key}".`);
  return account;
}

/** 12-digit ids of the accounts the sample's policies name. */
export const MANAGEMENT_ACCOUNT_ID = sampleAccount('management').accountId;
export const AUDIT_ACCOUNT_ID = sampleAccount('audit').accountId;
export const LOG_ARCHIVE_ACCOUNT_ID = sampleAccount('logArchive').accountId;
export const NETWORK_ACCOUNT_ID = sampleAccount('network').accountId;

function document(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 4);
}

/** Role that may work outside the allowed regions (the region-deny SCP exempts it). */
export const ADMIN_ROLE_NAME = 'LandingZoneAdmin';

/**
 * Deny requests outside the allowed regions, except for global services (NotAction) and the admin role.
 * Follows the example "Deny access to AWS based on the requested AWS Region" in
 * docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html.
 */
export const REGION_DENY_SCP = {
  awsId: 'p-9x2k7m4r',
  name: 'DenyOutsideAllowedRegions',
  description: `Deny actions outside ${ALLOWED_REGIONS.join(' and ')}, except global services and ${ADMIN_ROLE_NAME}`,
  content: document([
    {
      Sid: 'DenyAllOutsideAllowedRegions',
      Effect: 'Deny',
      NotAction: [
        'a4b:*', 'acm:*', 'aws-marketplace-management:*', 'aws-marketplace:*', 'aws-portal:*', 'budgets:*',
        'ce:*', 'chime:*', 'cloudfront:*', 'config:*', 'cur:*', 'directconnect:*', 'ec2:DescribeRegions',
        'ec2:DescribeTransitGateways', 'ec2:DescribeVpnGateways', 'fms:*', 'globalaccelerator:*', 'health:*',
        'iam:*', 'importexport:*', 'kms:*', 'mobileanalytics:*', 'networkmanager:*', 'organizations:*',
        'pricing:*', 'route53:*', 'route53domains:*', 'route53-recovery-cluster:*',
        'route53-recovery-control-config:*', 'route53-recovery-readiness:*', 's3:GetAccountPublic*',
        's3:ListAllMyBuckets', 's3:ListMultiRegionAccessPoints', 's3:PutAccountPublic*', 'shield:*', 'sts:*',
        'support:*', 'trustedadvisor:*', 'waf-regional:*', 'waf:*', 'wafv2:*', 'wellarchitected:*',
      ],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ALLOWED_REGIONS },
        ArnNotLike: { 'aws:PrincipalARN': [`arn:aws:iam::*:role/${ADMIN_ROLE_NAME}`] },
      },
    },
  ]),
};

/**
 * Member accounts may not leave the organization: example "Prevent member accounts from leaving the
 * organization" in docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html.
 */
export const DENY_LEAVE_ORGANIZATION_SCP = {
  awsId: 'p-4r7q2m9x',
  name: 'DenyLeaveOrganization',
  description: 'Member accounts cannot leave the organization',
  content: document([{ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]),
};

/** AdministratorAccess as AWS publishes it. */
export const ADMINISTRATOR_ACCESS_DOCUMENT = document([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

/**
 * Trust policy of a role assumable by principals of `accountId` (the account principal delegates to that
 * account's IAM policies): docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html.
 */
export function trustAccount(accountId: string): string {
  return document([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }]);
}

/** Read access to billing data for the finance group (inline). */
export const BILLING_READ_DOCUMENT = document([
  {
    Sid: 'ReadBilling',
    Effect: 'Allow',
    Action: ['aws-portal:View*', 'ce:Get*', 'ce:Describe*', 'ce:List*', 'budgets:View*', 'cur:Describe*', 'billing:Get*', 'billing:List*'],
    Resource: '*',
  },
]);

/** The organization trail's bucket in Log Archive. */
export const LOG_BUCKET_NAME = `org-cloudtrail-logs-${LOG_ARCHIVE_ACCOUNT_ID}`;
export const LOG_BUCKET_ARN = `arn:aws:s3:::${LOG_BUCKET_NAME}`;

/**
 * The organization trail's bucket in Log Archive: CloudTrail may write the organization's logs, principals of the
 * organization (aws:PrincipalOrgID) may read them, and plain HTTP is refused. Statements follow
 * docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html and the
 * aws:PrincipalOrgID example of docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html.
 */
export const LOG_BUCKET_POLICY = document([
  {
    Sid: 'AWSCloudTrailAclCheck',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:GetBucketAcl',
    Resource: LOG_BUCKET_ARN,
  },
  {
    Sid: 'AWSCloudTrailWrite',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${LOG_BUCKET_ARN}/AWSLogs/${ORG_ID}/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
  },
  {
    Sid: 'AllowOrganizationRead',
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [LOG_BUCKET_ARN, `${LOG_BUCKET_ARN}/*`],
    Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
  },
  {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [LOG_BUCKET_ARN, `${LOG_BUCKET_ARN}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  },
]);

/** The subnet the Network account shares with the Workloads OU through RAM. */
export const SHARED_SUBNET_ARN = `arn:aws:ec2:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:subnet/subnet-0a1b2c3d4e5f60718`;
/** The second shared subnet (another Availability Zone). */
export const SHARED_SUBNET_B_ARN = `arn:aws:ec2:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:subnet/subnet-0b2c3d4e5f6071829`;
/** The transit gateway the Network account shares with the Workloads OU. */
export const SHARED_TRANSIT_GATEWAY_ARN = `arn:aws:ec2:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:transit-gateway/tgw-0c3d4e5f60718293a`;
/** The prefix list of partner ranges the Network account shares with the partner's account. */
export const PARTNER_PREFIX_LIST_ARN = `arn:aws:ec2:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:prefix-list/pl-0d4e5f60718293a4b`;
/** A partner's account outside the organization, invited to the prefix list share (invitation pending). */
export const NETWORK_PARTNER_ACCOUNT_ID = '210987654321';
/** The RAM share of subnets and the transit gateway with the Workloads OU. */
export const NETWORK_SHARE_ARN = `arn:aws:ram:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:resource-share/7a1c2e4b-5d3f-4a6b-8c9d-0e1f2a3b4c5d`;
/** The RAM share of the prefix list with the partner. */
export const PARTNER_SHARE_ARN = `arn:aws:ram:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:resource-share/8b2d3f5c-6e4a-4b7c-9d0e-1f2a3b4c5d6e`;

/** Workload accounts Shared Services deploys into. */
export const WORKLOAD_ACCOUNT_KEYS = ['paymentsProd', 'webProd', 'paymentsNonProd', 'webNonProd'];
/** The deployment pipeline's role in Shared Services. */
export const PIPELINE_ROLE_NAME = 'DeploymentPipeline';
/** The role the pipeline assumes in each workload account. */
export const DEPLOY_ROLE_NAME = 'SharedServicesDeploy';
/** The vendor's account, outside the organization (a security-scanning SaaS). */
export const VENDOR_ACCOUNT_ID = '777788889999';
/** An old partner's account, outside the organization, trusted without an ExternalId. */
export const LEGACY_PARTNER_ACCOUNT_ID = '444455556666';
/** The ExternalId the vendor was given (id_roles_create_for-user_externalid.html). */
export const VENDOR_EXTERNAL_ID = 'lz-sample-scanner-7f3k2';

/**
 * The pipeline's role in Shared Services: run by CodeBuild (service principal) and by administrators of Shared
 * Services (the account principal delegates to their IAM policies). Pattern of the "Deployment account" in the
 * whitepaper organizing-your-aws-environment, deployments OU guidance.
 */
export function pipelineTrust(sharedServicesId: string): string {
  return document([
    { Sid: 'CodeBuildRunsThePipeline', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': sharedServicesId } } },
    { Sid: 'SharedServicesAdmins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sharedServicesId}:root` }, Action: 'sts:AssumeRole' },
  ]);
}

/** The pipeline may assume the deploy role of every workload account, and nothing else. */
export const PIPELINE_POLICY_DOCUMENT = document([
  { Sid: 'AssumeDeployRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${DEPLOY_ROLE_NAME}` },
]);

/** The deploy role of a workload account trusts only the pipeline role of Shared Services (id_roles_create_for-user.html). */
export function deployTrust(sharedServicesId: string): string {
  return document([{ Sid: 'PipelineDeploys', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sharedServicesId}:role/${PIPELINE_ROLE_NAME}` }, Action: 'sts:AssumeRole' }]);
}

/** What the deploy role may do: CloudFormation stacks and the services they create. */
export const DEPLOY_POLICY_DOCUMENT = document([
  { Sid: 'Deploy', Effect: 'Allow', Action: ['cloudformation:*', 'lambda:*', 's3:*', 'dynamodb:*', 'apigateway:*', 'logs:*'], Resource: '*' },
  { Sid: 'PassOnlyAppRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/app/*' },
]);

/**
 * The vendor's scanner role in Audit: the vendor's account may assume it only with the ExternalId it was given,
 * the confused-deputy defence of id_roles_create_for-user_externalid.html.
 */
export const VENDOR_TRUST = document([
  { Sid: 'VendorWithExternalId', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': VENDOR_EXTERNAL_ID } } },
]);

/**
 * Deliberately unsafe, to show an external-access finding: an old partner's account may assume this Sandbox role with
 * no ExternalId, so any customer of that partner could make it act here (confused-deputy.html).
 */
export const LEGACY_PARTNER_TRUST = document([
  { Sid: 'LegacyPartnerNoExternalId', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${LEGACY_PARTNER_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' },
]);

// IAM Identity Center: the organization instance in the management account, in the home Region (so its roles' path
// carries the Region: referencingpermissionsets.html). Platform admins get AdministratorAccess, auditors ReadOnly,
// developers a set with an inline policy bounded by a customer-managed boundary that each workload account holds.

/** The sample's IAM Identity Center instance. */
export const SAMPLE_SSO_INSTANCE = { instanceArn: 'arn:aws:sso:::instance/ssoins-72231f0a9c4e8b56', identityStoreId: 'd-93671a2b3c', name: 'corp' };

const PS = (suffix: string) => `arn:aws:sso:::permissionSet/ssoins-72231f0a9c4e8b56/ps-${suffix}`;

/** Name of the customer-managed policy the Developer permission set uses as its boundary (in every workload account). */
export const DEVELOPER_BOUNDARY_NAME = 'WorkloadDeveloperBoundary';

/** The boundary: anything but IAM, Organizations and account settings. */
export const DEVELOPER_BOUNDARY_DOCUMENT = document([
  { Sid: 'EverythingButIdentityAndOrganization', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
]);

/** The sample's permission sets. */
export const SAMPLE_PERMISSION_SETS = [
  {
    key: 'admin', arn: PS('4a1f9c2e7b3d8a60'), name: 'AdministratorAccess', description: 'Full administration for the platform team',
    sessionDuration: 'PT4H', managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], inlinePolicy: null, boundary: null,
  },
  {
    key: 'readOnly', arn: PS('b83e0d5a6c1f2947'), name: 'ReadOnly', description: 'Read everything, change nothing',
    sessionDuration: 'PT8H', managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inlinePolicy: null, boundary: null,
  },
  {
    key: 'developer', arn: PS('e2c7a9416fd0b538'), name: 'Developer', description: 'Build and run workloads; no identity or organization changes',
    sessionDuration: 'PT8H', managedPolicyArns: [],
    inlinePolicy: document([
      { Sid: 'BuildAndRun', Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'cloudwatch:*', 'sqs:*', 'ecr:*', 'ecs:*'], Resource: '*' },
      { Sid: 'PassWorkloadRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/workload/*' },
    ]),
    boundary: { name: DEVELOPER_BOUNDARY_NAME, path: '/' },
  },
] as const;

/** Identity store users and the groups they belong to. */
export const SAMPLE_SSO_USERS = [
  { userId: '9067a1c2d3-5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', userName: 'alice', displayName: 'Alice Moreau', email: 'alice@example.com', groups: ['Platform Admins'] },
  { userId: '9067b2d3e4-6f2a1b3c-4d5e-4f6a-9b7c-8d9e0f1a2b3c', userName: 'bob', displayName: 'Bob Okafor', email: 'bob@example.com', groups: ['Developers'] },
  { userId: '9067c3e4f5-7a3b2c4d-5e6f-4a7b-ac8d-9e0f1a2b3c4d', userName: 'carol', displayName: 'Carol Lindqvist', email: 'carol@example.com', groups: ['Auditors', 'Developers'] },
];

/** Identity store groups. */
export const SAMPLE_SSO_GROUPS = [
  { groupId: '9067d4f5a6-8b4c3d5e-6f7a-4b8c-bd9e-0f1a2b3c4d5e', displayName: 'Platform Admins', description: 'Runs the landing zone' },
  { groupId: '9067e5a6b7-9c5d4e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', displayName: 'Developers', description: 'Workload engineers' },
  { groupId: '9067f6b7c8-0d6e5f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', displayName: 'Auditors', description: 'Security and compliance' },
];

/** Which group gets which permission set in which accounts (workload accounts only). */
export const SAMPLE_SSO_ASSIGNMENTS: { group: string; permissionSet: string; accounts: string[] }[] = [
  { group: 'Platform Admins', permissionSet: 'admin', accounts: WORKLOAD_ACCOUNT_KEYS },
  { group: 'Auditors', permissionSet: 'readOnly', accounts: WORKLOAD_ACCOUNT_KEYS },
  { group: 'Developers', permissionSet: 'developer', accounts: ['paymentsNonProd', 'webNonProd'] },
];
