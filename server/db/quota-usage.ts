import 'server-only';
import type { Db } from './client';

// How much of each quota a design uses, keyed like the quota catalog (server/engine/quota-catalog.ts). One SQL
// aggregate per family: the quotas page of a 5,000-account, 100,000-role design must not read every row into Node.

/** Usage by quota key; a key that is absent has no use to report. */
export type QuotaUsageDto = Record<string, number>;

type Row = { key: string; used: number | bigint | null };

/** Every quota's usage in the design: counts, the busiest target or account, the largest document. */
export async function readQuotaUsage(db: Db, designId: string): Promise<QuotaUsageDto> {
  const [organization, policies, iamCounts, iamAttachments, identityCenter, ram] = await Promise.all([
    db.$queryRaw<Row[]>`
      WITH RECURSIVE root AS (
        SELECT r."id" FROM "Root" r JOIN "Organization" o ON o."id" = r."organizationId" WHERE o."designId" = ${designId}
      ), depth AS (
        SELECT ou."id", 1 AS level FROM "OrganizationalUnit" ou JOIN root ON ou."rootId" = root."id" WHERE ou."parentOuId" IS NULL
        UNION ALL
        SELECT child."id", depth.level + 1 FROM "OrganizationalUnit" child JOIN depth ON child."parentOuId" = depth."id"
      )
      SELECT 'organization.defaultMaxAccounts' AS key, count(*) AS used FROM "Account" a
        WHERE a."designId" = ${designId} AND (a."parentRootId" IS NOT NULL OR a."parentOuId" IS NOT NULL OR a."status" = 'INVITED_PENDING')
      UNION ALL SELECT 'organization.maxOusPerOrganization', count(*) FROM depth
      UNION ALL SELECT 'organization.maxOuDepth', coalesce(max(level), 0) FROM depth`,
    db.$queryRaw<Row[]>`
      WITH policy AS (
        SELECT p."id", p."type"::text AS type, p."content" FROM "OrganizationPolicy" p
        JOIN "Organization" o ON o."id" = p."organizationId" WHERE o."designId" = ${designId}
      ), per_target AS (
        SELECT policy.type, count(*) AS attached FROM "PolicyAttachment" a JOIN policy ON policy."id" = a."policyId"
        GROUP BY policy.type, coalesce(a."rootId", a."ouId", a."accountId")
      )
      SELECT 'organization.maxPoliciesPerOrganization.' || type AS key, count(*) AS used FROM policy GROUP BY type
      UNION ALL SELECT 'policySizes.' || type, max(char_length(content)) FROM policy GROUP BY type
      UNION ALL SELECT 'organization.maxPoliciesAttachedPerTarget.' || type, max(attached) FROM per_target GROUP BY type`,
    db.$queryRaw<Row[]>`
      WITH account AS (SELECT "id" FROM "Account" WHERE "designId" = ${designId})
      SELECT 'iam.maxRolesPerAccount' AS key, max(n) AS used FROM (
        SELECT count(*) AS n FROM "IamRole" r JOIN account ON account."id" = r."accountId" GROUP BY r."accountId") roles
      UNION ALL SELECT 'iam.maxUsersPerAccount', max(n) FROM (
        SELECT count(*) AS n FROM "IamUser" u JOIN account ON account."id" = u."accountId" GROUP BY u."accountId") users
      UNION ALL SELECT 'iam.maxGroupsPerAccount', max(n) FROM (
        SELECT count(*) AS n FROM "IamGroup" g JOIN account ON account."id" = g."accountId" GROUP BY g."accountId") groups
      UNION ALL SELECT 'iam.maxCustomerManagedPoliciesPerAccount', max(n) FROM (
        SELECT count(*) AS n FROM "IamManagedPolicy" p JOIN account ON account."id" = p."accountId" GROUP BY p."accountId") policies
      UNION ALL SELECT 'iam.maxGroupsPerUser', max(n) FROM (
        SELECT count(*) AS n FROM "IamGroupMembership" m JOIN "IamUser" u ON u."id" = m."userId" JOIN account ON account."id" = u."accountId"
        GROUP BY m."userId") memberships
      UNION ALL SELECT 'policySizes.IAM_ROLE_TRUST_POLICY', max(char_length(regexp_replace(r."trustPolicy", '[[:space:]]', '', 'g')))
        FROM "IamRole" r JOIN account ON account."id" = r."accountId"`,
    db.$queryRaw<Row[]>`
      WITH attachment AS (
        SELECT a."roleId", a."userId", a."groupId" FROM "IamPolicyAttachment" a
        JOIN "IamManagedPolicy" p ON p."id" = a."policyId" WHERE p."designId" = ${designId}
      )
      SELECT 'iam.maxManagedPoliciesPerRole' AS key, max(n) AS used FROM (SELECT count(*) AS n FROM attachment WHERE "roleId" IS NOT NULL GROUP BY "roleId") r
      UNION ALL SELECT 'iam.maxManagedPoliciesPerUser', max(n) FROM (SELECT count(*) AS n FROM attachment WHERE "userId" IS NOT NULL GROUP BY "userId") u
      UNION ALL SELECT 'iam.maxManagedPoliciesPerGroup', max(n) FROM (SELECT count(*) AS n FROM attachment WHERE "groupId" IS NOT NULL GROUP BY "groupId") g
      UNION ALL SELECT 'iam.maxVersionsPerPolicy', max(n) FROM (
        SELECT count(*) AS n FROM "IamManagedPolicyVersion" v JOIN "IamManagedPolicy" p ON p."id" = v."policyId"
        WHERE p."designId" = ${designId} GROUP BY v."policyId") versions`,
    db.$queryRaw<Row[]>`
      WITH ps AS (
        SELECT p.* FROM "PermissionSet" p JOIN "IdentityCenterInstance" i ON i."id" = p."instanceId" WHERE i."designId" = ${designId}
      )
      SELECT 'identityCenter.maxPermissionSets' AS key, count(*) AS used FROM ps
      UNION ALL SELECT 'identityCenter.maxProvisionedPermissionSetsPerAccount', max(n) FROM (
        SELECT count(DISTINCT a."permissionSetId") AS n FROM "AccountAssignment" a JOIN ps ON ps."id" = a."permissionSetId" GROUP BY a."accountId") provisioned
      UNION ALL SELECT 'identityCenter.maxManagedPoliciesPerPermissionSet',
        max(jsonb_array_length(ps."managedPolicyArns") + jsonb_array_length(ps."customerManagedPolicies")) FROM ps
      UNION ALL SELECT 'identityCenter.maxInlinePoliciesPerPermissionSet', max(CASE WHEN ps."inlinePolicy" IS NULL THEN 0 ELSE 1 END) FROM ps
      UNION ALL SELECT 'identityCenter.maxInlinePolicyBytes', max(octet_length(ps."inlinePolicy")) FROM ps
      UNION ALL SELECT 'identityCenter.maxInlinePolicyNonWhitespace', max(char_length(regexp_replace(ps."inlinePolicy", '[[:space:]]', '', 'g'))) FROM ps`,
    db.$queryRaw<Row[]>`
      WITH share AS (
        SELECT s.* FROM "ResourceShare" s JOIN "Account" a ON a."id" = s."ownerAccountId" WHERE a."designId" = ${designId}
      )
      SELECT 'ram.maxResourceSharesPerAccount' AS key, max(n) AS used FROM (SELECT count(*) AS n FROM share GROUP BY share."ownerAccountId", share."region") owners
      UNION ALL SELECT 'ram.maxResourcesPerResourceShare', max(n) FROM (
        SELECT count(*) AS n FROM "ResourceShareResource" r JOIN share ON share."id" = r."shareId" GROUP BY r."shareId") resources
      UNION ALL SELECT 'ram.maxPrincipalsPerResourceShare', max(n) FROM (
        SELECT count(*) AS n FROM "ResourceSharePrincipal" p JOIN share ON share."id" = p."shareId" GROUP BY p."shareId") principals
      UNION ALL SELECT 'ram.maxPendingInvitationsPerAccount', max(n) FROM (
        SELECT count(*) AS n FROM "ResourceSharePrincipal" p JOIN share ON share."id" = p."shareId"
        WHERE p."invitationStatus" = 'PENDING' GROUP BY share."ownerAccountId") invitations`,
  ]);
  const usage: QuotaUsageDto = {};
  for (const row of [...organization, ...policies, ...iamCounts, ...iamAttachments, ...identityCenter, ...ram]) {
    usage[row.key] = row.used === null ? 0 : Number(row.used);
  }
  return usage;
}
