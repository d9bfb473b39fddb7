// Test data for the effective-view and export browser tests, created through the app's own API (each test run
// owns a fresh design): an OU "Restricted" holding "Deny Target", with an SCP that denies s3:DeleteBucket
// attached to the OU, and "Open Account" directly under the root.
// SCP semantics: docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
// (a Deny in an SCP attached to an OU applies to every account below it).
import { createTRPCClient, httpLink } from '@trpc/client';
import { wireTransformer } from '../../server/schemas/wire-transformer';
import type { AppRouter } from '../../server/api/root';

/** The SCP the scenario attaches, with the Sid of its one statement. */
export const DENY_SCP = { name: 'DenyBucketDeletion', sid: 'NoBucketDeletion', action: 's3:DeleteBucket' } as const;

/** What a test needs to find its data on the page. */
export interface DenyScenario {
  designId: string;
  designName: string;
  ouName: string;
  deniedAccount: string;
  openAccount: string;
  managementAccount: string;
}

/** A typed tRPC client over HTTP against the app under test. */
export function apiClient(baseUrl: string) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: wireTransformer })] });
}

/** Imports a bundle as a new design with a unique name starting with `label`; returns its id. */
export async function importBundleDesign(baseUrl: string, bundle: Record<string, unknown>, label: string): Promise<string> {
  const name = `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return (await apiClient(baseUrl).interchange.importBundle.mutate({ document: bundle, name })).designId;
}

/** Creates the scenario's design and returns its names. */
export async function createDenyScenario(baseUrl: string, label: string): Promise<DenyScenario> {
  const api = apiClient(baseUrl);
  const designName = `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const design = await api.design.create.mutate({ name: designName });
  const designId = design.id;
  const tree = await api.org.tree.query({ designId });
  if (!tree.root) throw new Error('A new design has no organization root.');
  const management = tree.accounts.find((account) => account.isManagement);
  let revision = design.revision;
  const step = <T extends { revision: number }>(result: T): T => {
    revision = result.revision;
    return result;
  };
  const ou = step(await api.ou.create.mutate({ designId, expectedRevision: revision, parentId: tree.root.id, name: 'Restricted' })) as { revision: number; ou: { id: string } };
  step(await api.account.create.mutate({ designId, expectedRevision: revision, accountName: 'Deny Target', email: `deny-target-${Date.now()}@example.com`, parentId: ou.ou.id }));
  step(await api.account.create.mutate({ designId, expectedRevision: revision, accountName: 'Open Account', email: `open-account-${Date.now()}@example.com` }));
  const content = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowReadTags', Effect: 'Allow', Action: 'tag:GetResources', Resource: '*' },
      { Sid: DENY_SCP.sid, Effect: 'Deny', Action: DENY_SCP.action, Resource: '*' },
    ],
  }, null, 2);
  const policy = step(await api.policy.create.mutate({ designId, expectedRevision: revision, type: 'SERVICE_CONTROL_POLICY', name: DENY_SCP.name, content })) as { revision: number; policy: { id: string } };
  step(await api.policy.attach.mutate({ designId, expectedRevision: revision, policyId: policy.policy.id, targetId: ou.ou.id }));
  return { designId, designName, ouName: 'Restricted', deniedAccount: 'Deny Target', openAccount: 'Open Account', managementAccount: management?.name ?? 'Management' };
}

/** The region guard the region scenario attaches (orgs_manage_policies_scps_examples_general.html, "Deny access to AWS based on the requested AWS Region", with its break-glass exemption). */
export const REGION_SCP = { name: 'RegionGuard', sid: 'DenyOutsideEu', exemptRole: 'BreakGlass' } as const;

/** What the region scenario creates. */
export interface RegionScenario {
  designId: string;
  ouName: string;
  guardedAccount: string;
  openAccount: string;
}

/**
 * A design whose OU "Regional" holds "Region Target", under an SCP that denies everything but IAM, STS and
 * Organizations outside eu-west-1 and eu-central-1 unless aws:PrincipalArn is a BreakGlass role; "Open Account"
 * sits directly under the root.
 */
export async function createRegionScenario(baseUrl: string, label: string): Promise<RegionScenario> {
  const api = apiClient(baseUrl);
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const design = await api.design.create.mutate({ name: `${label} ${unique}` });
  const designId = design.id;
  const tree = await api.org.tree.query({ designId });
  if (!tree.root) throw new Error('A new design has no organization root.');
  let revision = design.revision;
  const step = <T extends { revision: number }>(result: T): T => {
    revision = result.revision;
    return result;
  };
  const ou = step(await api.ou.create.mutate({ designId, expectedRevision: revision, parentId: tree.root.id, name: 'Regional' })) as { revision: number; ou: { id: string } };
  step(await api.account.create.mutate({ designId, expectedRevision: revision, accountName: 'Region Target', email: `region-target-${unique}@example.com`, parentId: ou.ou.id }));
  step(await api.account.create.mutate({ designId, expectedRevision: revision, accountName: 'Open Account', email: `open-${unique}@example.com` }));
  const content = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: REGION_SCP.sid, Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
        ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${REGION_SCP.exemptRole}` },
      },
    }],
  }, null, 2);
  const policy = step(await api.policy.create.mutate({ designId, expectedRevision: revision, type: 'SERVICE_CONTROL_POLICY', name: REGION_SCP.name, content })) as { revision: number; policy: { id: string } };
  step(await api.policy.attach.mutate({ designId, expectedRevision: revision, policyId: policy.policy.id, targetId: ou.ou.id }));
  return { designId, ouName: 'Regional', guardedAccount: 'Region Target', openAccount: 'Open Account' };
}
