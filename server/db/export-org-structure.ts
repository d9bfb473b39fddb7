import 'server-only';

import type { Account, AuthzPolicyType, Organization, OrgPolicy, OrgUnit, Tag, World } from '../engine/types';
import { managementPoliciesOf } from '../engine/world/management-policy-index';
import { organizationResourceTags } from '../engine/world/organization-resource-tags';
import { worldAccount } from '../engine/world/world-account';
import type { PrismaClient } from './client';
import { parsePublicAccessBlock, parseTags } from './json-values';
import { TRANSACTION_LIMITS } from './transaction';

// The organization half of the engine's World (organization, root and OUs, accounts and their parents, SCPs and
// RCPs with attachments) read part by part with plain SQL queries in one snapshot, together with the design's revision and
// the operations applied since a given revision. The simulation cache uses it to refresh a compiled world after an
// Organizations edit without reloading every account's IAM data, which is most of the world and unchanged by such
// edits. The shapes and orders match loadWorld (world.ts) exactly.

/** The parts of the organization half that can be reloaded separately. */
export type OrgStructurePart = 'organization' | 'orgUnits' | 'accounts' | 'policies' | 'attachments' | 'organizationTags' | 'managementPolicies';

/** Parts of the organization half of a World at one revision, and what changed since the revision asked about. */
export interface OrgStructureSnapshot {
  revision: number;
  /** Operation names of the changes after `sinceRevision`, in order (DesignChange.operation). */
  operations: string[];
  /** The parts that were read (those `partsFor` asked for). */
  parts: ReadonlySet<OrgStructurePart>;
  /** Present when 'organization' was read: undefined when the design has no organization. */
  organization?: Organization;
  orgUnits?: OrgUnit[];
  accounts?: Account[];
  policies?: OrgPolicy[];
  attachments?: { policyId: string; targetId: string }[];
  /** Present when 'organizationTags' was read and the design has an organization: World.organizationResourceTags. */
  organizationResourceTags?: Record<string, Tag[]>;
  /** When 'managementPolicies' was read: World.s3Policies, undefined when the type is off or no S3 policy exists. */
  s3Policies?: World['s3Policies'];
  /** When 'managementPolicies' was read: World.ec2Policies, likewise. */
  ec2Policies?: World['ec2Policies'];
}

const AUTHZ_TYPES: Record<string, AuthzPolicyType> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' };

type RawQuery = { $queryRawUnsafe: PrismaClient['$queryRawUnsafe'] };

/**
 * Runs `sql` and returns its rows, aggregated by PostgreSQL into one JSON text value (one value for the driver
 * adapter to convert instead of one per row and column).
 */
async function jsonRows<T>(tx: RawQuery, sql: string, ...params: unknown[]): Promise<T[]> {
  const [row] = await tx.$queryRawUnsafe<{ rows: string }[]>(`SELECT COALESCE(json_agg(x), '[]')::text AS "rows" FROM (${sql}) x`, ...params);
  return JSON.parse(row.rows) as T[];
}

/**
 * Reads, in one snapshot, the design's revision, the operations after `sinceRevision`, and the parts of the
 * organization half that `partsFor(operations)` names. `partsFor` returns null when those operations may have changed
 * more than the organization half; then nothing else is read and the result has `parts` empty (reload everything).
 * Null for an unknown design.
 */
export async function readOrgStructure(
  db: PrismaClient, designId: string, sinceRevision: number, partsFor: (operations: readonly string[]) => ReadonlySet<OrgStructurePart> | null,
): Promise<OrgStructureSnapshot | null> {
  return db.$transaction(async (tx) => {
    const designs = await tx.$queryRawUnsafe<{ revision: number }[]>('SELECT "revision" FROM "Design" WHERE "id" = $1', designId);
    if (designs.length === 0) return null;
    const revision = designs[0].revision;
    const changes = await tx.$queryRawUnsafe<{ operation: string }[]>(
      'SELECT "operation" FROM "DesignChange" WHERE "designId" = $1 AND "revision" > $2 ORDER BY "revision"', designId, sinceRevision);
    const operations = changes.map((c) => c.operation);
    const parts = partsFor(operations);
    const snapshot: OrgStructureSnapshot = { revision, operations, parts: parts ?? new Set() };
    if (!parts || parts.size === 0) return snapshot;

    const orgs = await tx.$queryRawUnsafe<{ id: string; awsId: string; featureSet: 'ALL' | 'CONSOLIDATED_BILLING'; management: string | null; rootId: string | null; rootAwsId: string | null; rootName: string | null }[]>(
      `SELECT o."id", o."awsId", o."featureSet"::text AS "featureSet", m."accountId" AS "management", r."id" AS "rootId", r."awsId" AS "rootAwsId", r."name" AS "rootName"
         FROM "Organization" o LEFT JOIN "Account" m ON m."id" = o."managementAccountId" LEFT JOIN "Root" r ON r."organizationId" = o."id"
        WHERE o."designId" = $1`, designId);
    const org = orgs[0]?.rootId && orgs[0]?.management ? orgs[0] : undefined;

    if (parts.has('accounts')) {
      const accounts = await jsonRows<{ accountId: string; name: string; parentId: string | null; otherOrganizationId: string | null; s3PublicAccessBlock: unknown }>(tx,
        `SELECT a."accountId", a."name", COALESCE(ou."awsId", r."awsId") AS "parentId", a."otherOrganizationId", a."s3PublicAccessBlock"
           FROM "Account" a LEFT JOIN "OrganizationalUnit" ou ON ou."id" = a."parentOuId" LEFT JOIN "Root" r ON r."id" = a."parentRootId"
          WHERE a."designId" = $1 ORDER BY a."accountId"`, designId);
      snapshot.accounts = accounts.map((a) => worldAccount({
        id: a.accountId, name: a.name, parentId: a.parentId, otherOrganizationId: a.otherOrganizationId,
        s3PublicAccessBlock: parsePublicAccessBlock(a.s3PublicAccessBlock, `account ${a.accountId}`),
      }));
    }
    if (parts.has('organization') && org) {
      const types = await jsonRows<{ type: string }>(tx, `SELECT "type"::text AS "type" FROM "RootPolicyType" WHERE "rootId" = $1 AND "status" = 'ENABLED'`, org.rootId);
      snapshot.organization = {
        id: org.awsId,
        managementAccountId: org.management!,
        featureSet: org.featureSet,
        enabledPolicyTypes: types.flatMap((t) => (AUTHZ_TYPES[t.type] ? [AUTHZ_TYPES[t.type]] : [])).sort(),
      };
    }
    if (parts.has('orgUnits')) {
      const ous = org
        ? await jsonRows<{ awsId: string; name: string; parentAwsId: string | null }>(tx,
          `SELECT ou."awsId", ou."name", p."awsId" AS "parentAwsId" FROM "OrganizationalUnit" ou LEFT JOIN "OrganizationalUnit" p ON p."id" = ou."parentOuId"
            WHERE ou."rootId" = $1 ORDER BY ou."awsId"`, org.rootId)
        : [];
      snapshot.orgUnits = org
        ? [{ id: org.rootAwsId!, name: org.rootName! }, ...ous.map((ou) => ({ id: ou.awsId, name: ou.name, parentId: ou.parentAwsId ?? org.rootAwsId! }))]
        : [];
    }
    if (parts.has('policies')) {
      const policies = org
        ? await jsonRows<{ awsId: string; name: string; type: string; content: string; awsManaged: boolean }>(tx,
          `SELECT "awsId", "name", "type"::text AS "type", "content", "awsManaged" FROM "OrganizationPolicy"
            WHERE "organizationId" = $1 AND "type" IN ('SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY') ORDER BY "awsId"`, org.id)
        : [];
      snapshot.policies = policies.map((p) => ({ id: p.awsId, name: p.name, type: AUTHZ_TYPES[p.type], document: p.content, awsManaged: p.awsManaged }));
    }
    if (parts.has('attachments')) {
      snapshot.attachments = org
        ? await jsonRows<{ policyId: string; targetId: string }>(tx,
          `SELECT p."awsId" AS "policyId", COALESCE(r."awsId", ou."awsId", a."accountId") AS "targetId"
             FROM "PolicyAttachment" pa JOIN "OrganizationPolicy" p ON p."id" = pa."policyId"
             LEFT JOIN "Root" r ON r."id" = pa."rootId" LEFT JOIN "OrganizationalUnit" ou ON ou."id" = pa."ouId" LEFT JOIN "Account" a ON a."id" = pa."accountId"
            WHERE p."organizationId" = $1 AND p."type" IN ('SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY')
            ORDER BY p."awsId", pa."createdAt", pa."id"`, org.id)
        : [];
    }
    if (parts.has('managementPolicies') && org) {
      // The S3 and EC2 policies, and their attachments in the order they were made, while their type is enabled (as loadWorld).
      const enabled = new Set((await jsonRows<{ type: string }>(tx,
        `SELECT "type"::text AS "type" FROM "RootPolicyType" WHERE "rootId" = $1 AND "type" IN ('S3_POLICY', 'DECLARATIVE_POLICY_EC2') AND "status" = 'ENABLED'`, org.rootId)).map((row) => row.type));
      const policies = enabled.size === 0 ? [] : await jsonRows<{ awsId: string; name: string; type: string; content: string }>(tx,
        `SELECT "awsId", "name", "type"::text AS "type", "content" FROM "OrganizationPolicy"
          WHERE "organizationId" = $1 AND "type" IN ('S3_POLICY', 'DECLARATIVE_POLICY_EC2') ORDER BY "awsId"`, org.id);
      const attachments = policies.length === 0 ? [] : await jsonRows<{ policyId: string; targetId: string }>(tx,
        `SELECT p."awsId" AS "policyId", COALESCE(r."awsId", ou."awsId", a."accountId") AS "targetId"
           FROM "PolicyAttachment" pa JOIN "OrganizationPolicy" p ON p."id" = pa."policyId"
           LEFT JOIN "Root" r ON r."id" = pa."rootId" LEFT JOIN "OrganizationalUnit" ou ON ou."id" = pa."ouId" LEFT JOIN "Account" a ON a."id" = pa."accountId"
          WHERE p."organizationId" = $1 AND p."type" IN ('S3_POLICY', 'DECLARATIVE_POLICY_EC2')
          ORDER BY pa."createdAt", pa."id"`, org.id);
      const typed = policies.map((row) => ({ id: row.awsId, name: row.name, type: row.type, document: row.content }));
      snapshot.s3Policies = managementPoliciesOf('S3_POLICY', enabled.has('S3_POLICY'), typed, attachments);
      snapshot.ec2Policies = managementPoliciesOf('DECLARATIVE_POLICY_EC2', enabled.has('DECLARATIVE_POLICY_EC2'), typed, attachments);
    }
    if (parts.has('organizationTags') && org) {
      // Every root, OU, member account and policy with its tags (the same resources as loadWorld's).
      const tagged = await jsonRows<{ kind: 'root' | 'ou' | 'account' | 'policy'; id: string; type: string | null; awsManaged: boolean; tags: unknown }>(tx,
        `SELECT 'root' AS "kind", "awsId" AS "id", NULL::text AS "type", false AS "awsManaged", "tags" FROM "Root" WHERE "id" = $1
         UNION ALL SELECT 'ou', "awsId", NULL, false, "tags" FROM "OrganizationalUnit" WHERE "rootId" = $1
         UNION ALL SELECT 'account', "accountId", NULL, false, "tags" FROM "Account"
                    WHERE "designId" = $2 AND ("parentOuId" IS NOT NULL OR "parentRootId" IS NOT NULL)
         UNION ALL SELECT 'policy', "awsId", "type"::text, "awsManaged", "tags" FROM "OrganizationPolicy" WHERE "organizationId" = $3`,
        org.rootId, designId, org.id);
      const of = (kind: string) => tagged.filter((row) => row.kind === kind);
      snapshot.organizationResourceTags = organizationResourceTags({
        organizationId: org.awsId,
        managementAccountId: org.management!,
        root: { id: org.rootAwsId!, tags: parseTags(of('root')[0]?.tags ?? [], `root ${org.rootAwsId}`) },
        ous: of('ou').map((row) => ({ id: row.id, tags: parseTags(row.tags, `OU ${row.id}`) })),
        accounts: of('account').map((row) => ({ id: row.id, tags: parseTags(row.tags, `account ${row.id}`) })),
        policies: of('policy').map((row) => ({ id: row.id, type: row.type!, awsManaged: row.awsManaged, tags: parseTags(row.tags, `policy ${row.id}`) })),
      });
    }
    return snapshot;
  }, { ...TRANSACTION_LIMITS, isolationLevel: 'RepeatableRead' });
}
