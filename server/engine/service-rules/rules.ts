// Documented service-specific exceptions to the generic policy evaluation logic, as data. Each rule names the AWS
// page that states it; the evaluator (evaluate/evaluate.ts through service-rules/match.ts) applies them and the trace
// cites them (layer "service"). SERVICE_RULE_SURVEY below records what was looked for in each service's
// documentation and where, including the behaviours the generic evaluator already gives, so the next reader can
// extend the list instead of searching again.

/** Who calls, as the rules distinguish callers. */
export type RuleCaller = 'user' | 'role-session' | 'root';

/** What a rule does when its conditions hold. */
export type ServiceRuleEffect =
  /** Allowed whatever any policy says, SCPs and RCPs included (no permission is checked at all). */
  | { kind: 'always-allowed'; callers: readonly RuleCaller[] }
  /** The resource owner's root user is allowed even when the resource policy denies it; SCPs and RCPs still apply. */
  | { kind: 'owner-root-despite-resource-policy' }
  /** A grant to a principal of another account has no effect: a cross-account request is refused. */
  | { kind: 'no-cross-account' }
  /** These callers can never perform the action, whatever the policies say. */
  | { kind: 'caller-refused'; callers: readonly RuleCaller[] }
  /**
   * Resources AWS keeps for itself (ARN patterns): no caller can perform the actions on them, whatever the policies
   * say; a service-linked role's session (AWS acting for its service) is exempt when `serviceLinkedExempt`.
   */
  | { kind: 'protected-resource'; resources: readonly string[]; why: string; serviceLinkedExempt: boolean }
  /**
   * A cross-account request also depends on something the world does not hold: the trace says what (`note`, for the
   * trace; `matrixNote`, for the SCP matrix; the Secrets Manager wording when absent).
   */
  | { kind: 'cross-account-note'; note?: string; matrixNote?: string }
  /** The call needs these other actions too, each a request of its own: the trace names them. */
  | { kind: 'also-requires'; actions: readonly string[]; when: string };

/** One documented rule. */
export interface ServiceRule {
  /** Stable id, cited in traces and fixtures. */
  id: string;
  /** Service prefix the rule belongs to. */
  service: string;
  /** What AWS does, in one sentence. */
  title: string;
  /** The AWS documentation page that states it (with an anchor where the page is long). */
  doc: string;
  /** IAM actions (service:Action) the rule covers. */
  actions: readonly string[];
  /**
   * When true, `actions` is AWS's allow-list: the rule covers every *other* action of the service on a resource of
   * the service (an ARN with the service's prefix), as for "cross-account permission is effective only for ...".
   */
  allowList?: boolean;
  /** What happens when the rule applies. */
  effect: ServiceRuleEffect;
}

const S3_BUCKET_POLICY_ACTIONS = ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'];

/** Every documented rule the evaluator applies. */
export const SERVICE_RULES: readonly ServiceRule[] = Object.freeze([
  {
    id: 's3-bucket-owner-root-bucket-policy',
    service: 's3',
    title: "The bucket owner account's root user can always get, put and delete the bucket policy, even when the bucket policy denies it; only SCPs, RCPs and VPC endpoint policies can block it",
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html',
    actions: S3_BUCKET_POLICY_ACTIONS,
    effect: { kind: 'owner-root-despite-resource-policy' },
  },
  {
    id: 's3-bucket-policy-owner-account-only',
    service: 's3',
    title: "Only identities of the bucket owner's account can get, put or delete a bucket policy; another account's principal gets 405 Method Not Allowed whatever the policies grant",
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html',
    actions: S3_BUCKET_POLICY_ACTIONS,
    effect: { kind: 'no-cross-account' },
  },
  {
    id: 'sqs-cross-account-limitations',
    service: 'sqs',
    title: "Cross-account permissions in a queue policy don't apply to these SQS actions: only the queue owner's account can perform them",
    doc: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-limitations-of-custom-policies.html',
    actions: [
      'sqs:AddPermission', 'sqs:CancelMessageMoveTask', 'sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:ListMessageMoveTasks',
      'sqs:ListQueues', 'sqs:ListQueueTags', 'sqs:RemovePermission', 'sqs:SetQueueAttributes', 'sqs:StartMessageMoveTask',
      'sqs:TagQueue', 'sqs:UntagQueue',
    ],
    effect: { kind: 'no-cross-account' },
  },
  {
    id: 'kms-cross-account-operations',
    service: 'kms',
    title: 'Cross-account permission on a KMS key is effective only for the cryptographic, DescribeKey, GetPublicKey, GetKeyRotationStatus and grant operations; a grant of any other KMS operation to another account has no effect',
    doc: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
    // The operations whose API reference says "Cross-account use: Yes" (KMS API Reference, each operation).
    actions: [
      'kms:CreateGrant', 'kms:Decrypt', 'kms:DeriveSharedSecret', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey',
      'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext',
      'kms:GenerateMac', 'kms:GetKeyRotationStatus', 'kms:GetPublicKey', 'kms:ListGrants', 'kms:ReEncryptFrom',
      'kms:ReEncryptTo', 'kms:RetireGrant', 'kms:RevokeGrant', 'kms:Sign', 'kms:Verify', 'kms:VerifyMac',
    ],
    allowList: true,
    effect: { kind: 'no-cross-account' },
  },
  {
    id: 'kms-retire-grant-authorized-by-grant',
    service: 'kms',
    title: 'RetireGrant is authorized by the grant itself (its retiring principal, its grantee when the grant allows RetireGrant, or the account that created it, which may delegate with kms:RetireGrant in IAM policies); kms:RetireGrant in a key policy or an RCP has no effect',
    doc: 'https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html',
    actions: ['kms:RetireGrant'],
    effect: {
      kind: 'cross-account-note',
      note: 'whether a principal of another account may retire a grant is written in the grant (its retiring or grantee principal), which the world does not hold: no policy grants it here',
      matrixNote: 'concerns grants on another account\'s keys: the grant itself names who may retire it',
    },
  },
  {
    id: 'secretsmanager-create-secret-own-account',
    service: 'secretsmanager',
    title: 'CreateSecret is not among the Secrets Manager operations for which cross-account permission is effective: a secret is created only in the caller\'s own account',
    doc: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html',
    actions: ['secretsmanager:CreateSecret'],
    effect: { kind: 'no-cross-account' },
  },
  {
    id: 'secretsmanager-cross-account-needs-customer-managed-key',
    service: 'secretsmanager',
    title: 'Reading or writing a secret of another account also needs kms:Decrypt (or kms:GenerateDataKey) on the secret\'s KMS key, which must be a customer managed key: the AWS managed key aws/secretsmanager cannot be used across accounts',
    doc: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html',
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'secretsmanager:PutSecretValue'],
    effect: { kind: 'cross-account-note' },
  },
  {
    id: 'lambda-function-url-needs-invoke-function',
    service: 'lambda',
    title: 'Since October 2025 a new function URL needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction: a caller allowed only the first cannot invoke it',
    doc: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    actions: ['lambda:InvokeFunctionUrl'],
    effect: { kind: 'also-requires', actions: ['lambda:InvokeFunction'], when: 'for a function URL created since October 2025 (the world does not hold when the URL was made)' },
  },
  {
    id: 'iam-protected-roles',
    service: 'iam',
    title: 'Roles that AWS creates and manages (service-linked roles under /aws-service-role/, IAM Identity Center roles under /aws-reserved/) cannot have their policies, trust policy or boundary changed, nor be deleted, through IAM: AWS answers UnmodifiableEntity ("this role is only modifiable by AWS"), whatever the caller\'s policies allow',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-service-linked-role.html',
    actions: [
      'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:UpdateAssumeRolePolicy',
      'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteRole',
    ],
    effect: {
      kind: 'protected-resource',
      resources: ['arn:*:iam::*:role/aws-service-role/*', 'arn:*:iam::*:role/aws-reserved/*'],
      why: 'a role AWS manages (UnmodifiableEntity); its service changes it, and Identity Center roles change through their permission set',
      serviceLinkedExempt: true,
    },
  },
  {
    id: 'iam-aws-managed-policies-read-only',
    service: 'iam',
    title: 'AWS managed policies (arn:aws:iam::aws:policy/...) belong to AWS: no account can create, change, tag or delete them or their versions, whatever its policies allow; attaching them is a call on the user, group or role',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies',
    actions: [
      'iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion',
      'iam:TagPolicy', 'iam:UntagPolicy',
    ],
    effect: { kind: 'protected-resource', resources: ['arn:*:iam::aws:policy/*'], why: 'an AWS managed policy: only AWS changes it', serviceLinkedExempt: false },
  },
  {
    id: 'organizations-aws-managed-policies-read-only',
    service: 'organizations',
    title: 'AWS managed Organizations policies (FullAWSAccess, RCPFullAWSAccess, ...) cannot be changed or deleted; they can only be attached and detached',
    doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_available-policies.html',
    actions: ['organizations:UpdatePolicy', 'organizations:DeletePolicy'],
    effect: { kind: 'protected-resource', resources: ['arn:*:organizations::aws:policy/*'], why: 'an AWS managed policy: only AWS changes it', serviceLinkedExempt: false },
  },
  {
    id: 'kms-aws-managed-key-aliases',
    service: 'kms',
    title: 'Aliases that begin with alias/aws/ are reserved for AWS managed keys: no account can create, update or delete them, whatever its policies allow',
    doc: 'https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html',
    actions: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'],
    effect: { kind: 'protected-resource', resources: ['arn:*:kms:*:*:alias/aws/*'], why: 'the alias/aws/ prefix is reserved for AWS managed keys', serviceLinkedExempt: false },
  },
  {
    id: 'sts-get-caller-identity-no-permission',
    service: 'sts',
    title: 'GetCallerIdentity needs no permission: it succeeds even when a policy explicitly denies sts:GetCallerIdentity',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
    actions: ['sts:GetCallerIdentity'],
    effect: { kind: 'always-allowed', callers: ['user', 'role-session', 'root'] },
  },
  {
    id: 'sts-get-session-token-no-permission',
    service: 'sts',
    title: 'GetSessionToken needs no permission for IAM users and the root user: policies cannot control this authentication operation',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html',
    actions: ['sts:GetSessionToken'],
    effect: { kind: 'always-allowed', callers: ['user', 'root'] },
  },
  {
    id: 'sts-role-session-cannot-get-tokens',
    service: 'sts',
    title: 'Credentials from AssumeRole cannot call GetFederationToken or GetSessionToken: only long-term credentials of an IAM user (or the root user) can',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
    actions: ['sts:GetFederationToken', 'sts:GetSessionToken'],
    effect: { kind: 'caller-refused', callers: ['role-session'] },
  },
  {
    id: 'sts-root-cannot-assume-role',
    service: 'sts',
    title: 'The root user cannot assume a role (STS answers "Roles may not be assumed by root accounts"), whatever the trust policy says',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html',
    actions: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
    effect: { kind: 'caller-refused', callers: ['root'] },
  },
  {
    id: 'sts-assume-root-not-with-root-credentials',
    service: 'sts',
    title: 'AssumeRoot cannot be called with root user credentials: it needs the credentials of a principal in the management account or a delegated administrator account',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html',
    actions: ['sts:AssumeRoot'],
    effect: { kind: 'caller-refused', callers: ['root'] },
  },
] satisfies ServiceRule[]);

/** The session-tag rules, applied while building the request context (world/session-tags.ts) rather than per action. */
export const SESSION_TAG_RULES = Object.freeze({
  override: {
    id: 'sts-session-tags-override-role-tags',
    title: "Session tags passed when assuming a role become aws:PrincipalTag for the session and override the role's tags with the same key, whatever the case of the key",
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know',
  },
  transitive: {
    id: 'sts-transitive-session-tags',
    title: "Transitive session tags carry into every later session of a role chain and override the next role's tags with the same key; passing a session tag with the key of an inherited transitive tag makes AssumeRole fail",
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_role-chaining',
  },
});

/**
 * S3 Block Public Access's RestrictPublicBuckets on a bucket whose policy is public: a rule of the bucket's (and its
 * owner account's) settings rather than of an action, so evaluate.ts applies it from the compiled bucket policy.
 */
export const S3_RESTRICT_PUBLIC_BUCKETS_RULE = Object.freeze({
  id: 's3-restrict-public-buckets',
  title: "With RestrictPublicBuckets on, a bucket whose policy is public serves only AWS service principals and principals of the bucket owner's account: S3 blocks the public and cross-account access that policy grants, including grants to specific accounts",
  doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options',
});

/**
 * EC2 policies (declarative policies for EC2): an attribute the account's effective EC2 policy sets cannot be changed
 * in the account, so the calls that change it fail (world/organization-ec2-attributes.ts names them); evaluate.ts
 * applies it from the caller's account's effective EC2 policy.
 */
export const EC2_POLICY_ATTRIBUTE_RULE = Object.freeze({
  id: 'ec2-policy-enforced-attribute',
  title: "An EC2 account attribute that the account's effective EC2 policy (declarative policy) sets cannot be changed in the account: the calls that change it fail, whatever the IAM policies say",
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ec2_syntax.html',
});

/**
 * Rules applied from an account's or a bucket's own settings, whose trace note says which (the EC2 policy, the Block
 * Public Access settings): an answer refused by one quotes that note rather than the rule's general title.
 */
export const RULES_SUMMARIZED_BY_NOTE: ReadonlySet<string> = new Set([EC2_POLICY_ATTRIBUTE_RULE.id, S3_RESTRICT_PUBLIC_BUCKETS_RULE.id]);

/** What was searched for in one service's documentation, where, and what came of it. */
export interface ServiceRuleSurveyEntry {
  /** Service prefix. */
  service: string;
  /** The kinds of rule looked for. */
  lookedFor: string;
  /** Pages read. */
  sources: readonly string[];
  /** Rule ids encoded from them, and behaviours the generic evaluator already gives (no rule needed). */
  outcome: string;
}

/** The documentation survey behind SERVICE_RULES (2026-12): kept so that the search is extended, not repeated. */
export const SERVICE_RULE_SURVEY: readonly ServiceRuleSurveyEntry[] = Object.freeze([
  {
    service: 's3',
    lookedFor: 'owner-only actions, root user exceptions, grants that cannot cross accounts',
    sources: [
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    ],
    outcome: 's3-bucket-owner-root-bucket-policy, s3-bucket-policy-owner-account-only. Object ACL ownership is not modelled: with Object Ownership BucketOwnerEnforced (the default for new buckets since April 2023, about-object-ownership.html) ACLs are disabled and no longer affect permissions, so bucket and identity policies alone decide, which is what the generic evaluator does; a request that sets an ACL other than bucket-owner-full-control fails with AccessControlListNotSupported, a request error and not an authorization decision.',
  },
  {
    service: 'sqs',
    lookedFor: 'actions cross-account grants do not apply to',
    sources: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-limitations-of-custom-policies.html'],
    outcome: 'sqs-cross-account-limitations (the twelve actions the page lists today, including the message-move-task actions added since 2023).',
  },
  {
    service: 'sns',
    lookedFor: 'topic-owner-only actions, permissions that cannot be granted to other accounts',
    sources: [
      'https://docs.aws.amazon.com/sns/latest/api/API_AddPermission.html',
      'https://docs.aws.amazon.com/sns/latest/api/API_Unsubscribe.html',
      'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
    ],
    outcome: 'No evaluation exception encoded: AddPermission accepts any SNS action for other accounts, and a topic policy grants cross-account like any resource policy (generic logic). Unsubscribe is limited to the subscription owner and the topic owner only when the subscription requires authentication for deletion, a subscription attribute the world does not hold.',
  },
  {
    service: 'kms',
    lookedFor: 'key policy required even in the same account, root user, operations that cannot be used cross-account',
    sources: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html',
    ],
    outcome: 'kms-cross-account-operations, kms-retire-grant-authorized-by-grant (grant-delete.html: the key policy and RCPs have no effect on kms:RetireGrant, evaluate.ts leaves both out; in the key\'s account an IAM Allow delegates it; elsewhere the grant decides), kms-aws-managed-key-aliases (alias-create.html: the alias/aws/ prefix is reserved and aliases of AWS managed keys cannot be managed). The key policy must allow even in the same account, unless it delegates to the account, and the root user needs it too: generic evaluator (layer keyPolicy, evaluate/decide.ts). AWS managed keys allow only their own account through kms:CallerAccount in their key policy: generic once that policy is in the world.',
  },
  {
    service: 'lambda',
    lookedFor: 'function or layer permissions that cannot be granted cross-account',
    sources: [
      'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
      'https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    ],
    outcome: 'lambda-function-url-needs-invoke-function (a trace note naming lambda:InvokeFunction, a request of its own). AuthType AWS_IAM: same account, the identity policy or the function policy; another account, both (generic logic). AuthType NONE is not an IAM authorization (public access through the function policy, lambda:FunctionUrlAuthType condition). AddLayerVersionPermission only writes lambda:GetLayerVersion grants, a restriction on how policies are written (the grants in the world are what AWS stored), not on how they are evaluated.',
  },
  {
    service: 'secretsmanager',
    lookedFor: 'operations cross-account permission is effective for, KMS key requirements',
    sources: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html'],
    outcome: 'secretsmanager-create-secret-own-account (every other operation on a secret is on the page\'s cross-account list), secretsmanager-cross-account-needs-customer-managed-key (a trace note: the key of a secret is not in the world; evaluate kms:Decrypt on it as its own request).',
  },
  {
    service: 'ecr',
    lookedFor: 'repository-policy limits, cross-account pulls',
    sources: [
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
      'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutRegistryPolicy.html',
    ],
    outcome: 'No evaluation exception: ecr:GetAuthorizationToken is authorized on "*" by identity policies only (no repository policy applies to "*"), which the generic logic already gives. "A user or role only needs to be allowed permission for an action through either a repository policy or an IAM policy but not both" is the same-account rule of the generic logic; across accounts both are needed (generic cross-account logic; fixture cases in service-rules.json).',
  },
  {
    service: 'iam',
    lookedFor: 'IAM entities and policies that AWS owns, which no account policy can let anyone change',
    sources: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-service-linked-role.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html',
    ],
    outcome: 'iam-protected-roles, iam-aws-managed-policies-read-only. The UnmodifiableEntity answer ("Cannot perform the operation on the protected role ... this role is only modifiable by AWS") for AWSReservedSSO_ and service-linked roles is the one AWS re:Post\'s knowledge-center article identity-center-aws-reserved-sso quotes. Left out for want of a documented answer: UpdateRole/UpdateRoleDescription (the first page says the description of any role can be edited), TagRole/UntagRole and PassRole on such roles, CreateRole under a reserved path. Reading them (GetRole, GetPolicyVersion, ...) is ordinary evaluation.',
  },
  {
    service: 'organizations',
    lookedFor: 'AWS managed Organizations policies',
    sources: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_available-policies.html'],
    outcome: 'organizations-aws-managed-policies-read-only: they cannot be modified or deleted, only attached and detached (AttachPolicy and DetachPolicy stay ordinary evaluation).',
  },
  {
    service: 'sts',
    lookedFor: 'operations needing no permission, callers refused, session tags and role chaining',
    sources: [
      'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
      'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html',
      'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
      'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
    ],
    outcome: 'sts-get-caller-identity-no-permission, sts-get-session-token-no-permission, sts-role-session-cannot-get-tokens, sts-root-cannot-assume-role, sts-assume-root-not-with-root-credentials, and the session-tag rules (SESSION_TAG_RULES). Trust policies must allow even in the same account: generic evaluator (layer trust). Service-linked roles: SCPs and RCPs do not restrict them (evaluate.ts), and only their service can assume them (their trust policy names only the service).',
  },
]);
