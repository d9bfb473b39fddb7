// outsideAccessTo: who outside the organization a resource's own policy lets do one action on it (who-can's outside
// answers), on cases of test/fixtures/access/external-access-findings.json: only the statements that cover the action
// and the resource, and only what the policy's Denies leave (reference_policies_evaluation-logic.html).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAccessGraph, bundleToWorld, externalAccessFindings, outsideAccessTo, whoCanDo } from '@/server/engine';
import { mergeBundle } from '../../../fixtures/engine/load-fixtures';

type Json = Record<string, unknown>;
const read = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')) as Json;
const BASE = read('../../../fixtures/engine/_base/org.json');
const CASES = (read('../../../fixtures/access/external-access-findings.json').cases as { name: string; bundlePatch: Json }[]);

function graphOf(namePrefix: string) {
  const fixture = CASES.find((candidate) => candidate.name.startsWith(namePrefix));
  if (!fixture) throw new Error(`no fixture case "${namePrefix}"`);
  const result = bundleToWorld(mergeBundle(BASE, fixture.bundlePatch));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return buildAccessGraph(result.world).compiled;
}

const who = (world: ReturnType<typeof graphOf>, action: string, resource: string) =>
  outsideAccessTo(world, action, resource, { analyzedAt: '2026-12-04T10:00:00.000Z' }).map((found) => ({
    principal: found.findingDetails[0].externalAccessDetails.principal,
    isPublic: found.findingDetails[0].externalAccessDetails.isPublic,
    action: found.findingDetails[0].externalAccessDetails.action,
  }));

describe('outsideAccessTo', () => {
  it('finds the partner an S3 object\'s bucket policy lets read it, for that action only', () => {
    const world = graphOf('an S3 bucket policy granting an outside account');
    expect(who(world, 's3:GetObject', 'arn:aws:s3:::lz-fixture-reports/q3.csv')).toEqual([
      { principal: { AWS: 'arn:aws:iam::999988887777:root' }, isPublic: false, action: ['s3:GetObject'] },
    ]);
    expect(who(world, 's3:PutObject', 'arn:aws:s3:::lz-fixture-reports/q3.csv')).toEqual([]);
    expect(who(world, 's3:GetObject', 'arn:aws:s3:::another-bucket/q3.csv')).toEqual([]);
  });

  it('leaves out what a Deny of the same policy takes away, and who a perimeter keeps out', () => {
    const queue = 'arn:aws:sqs:eu-west-1:333333333333:partner-inbox';
    const inbox = graphOf('a Deny that covers some of the granted actions');
    expect(who(inbox, 'sqs:SendMessage', queue)).toEqual([{ principal: { AWS: 'arn:aws:iam::999988887777:root' }, isPublic: false, action: ['sqs:SendMessage'] }]);
    expect(who(inbox, 'sqs:ReceiveMessage', queue)).toEqual([]);
    const topic = 'arn:aws:sns:eu-west-1:333333333333:perimeter';
    const perimeter = graphOf('a perimeter Deny that exempts trusted third parties');
    expect(who(perimeter, 'sns:Publish', topic)).toEqual([{ principal: { AWS: '999988887777' }, isPublic: false, action: ['sns:Publish'] }]);
    expect(who(perimeter, 'sns:Subscribe', topic)).toEqual([]);
    expect(who(graphOf('a bucket open to "*" behind a data-perimeter Deny'), 's3:GetObject', 'arn:aws:s3:::lz-fixture-perimeter/a')).toEqual([]);
  });

  it('says when an RCP naming sts:AssumeRole stops an outside account\'s trust, as the engine\'s who-can does (orgs_manage_policies_rcps_evaluation.html)', () => {
    // The sample bundle's DataPerimeter RCP (a Deny outside the organization), here also naming sts:AssumeRole.
    const sample = read('../../../fixtures/bundles/sample-org.json') as { Policies: { PolicySummary?: { Name: string }; Name?: string; Content: string }[] };
    const perimeter = sample.Policies.find((policy) => (policy.PolicySummary?.Name ?? policy.Name) === 'DataPerimeter')!;
    const content = JSON.parse(perimeter.Content) as { Statement: { Action: string[] }[] };
    content.Statement[0].Action.push('sts:AssumeRole');
    perimeter.Content = JSON.stringify(content);
    const result = bundleToWorld(sample);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const graph = buildAccessGraph(result.world);
    const role = 'arn:aws:iam::100000000005:role/PartnerAuditRole';
    const trust = externalAccessFindings(graph.compiled, { analyzedAt: '2026-12-04T10:00:00.000Z' }).find((found) => found.resource === role)!;
    expect(trust.findingDetails[0].externalAccessDetails.resourceControlPolicyRestriction).toBe('APPLICABLE');
    expect(trust.lzsim.rcpStops).toEqual({ actions: ['sts:AssumeRole'], policies: ['DataPerimeter'] });
    expect(whoCanDo(graph, { action: 'sts:AssumeRole', resource: role }).answers).toEqual([]);
  });

  it('names an identity provider node by its provider name, not the last segment of its URL', () => {
    // The GitHub case with an EKS cluster's OIDC provider instead (IRSA): its URL ends in the cluster's id.
    const fixture = CASES.find((candidate) => candidate.name.startsWith('a role trusting GitHub Actions'))!;
    const eks = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const result = bundleToWorld(mergeBundle(BASE, JSON.parse(JSON.stringify(fixture.bundlePatch).replaceAll('token.actions.githubusercontent.com', eks)) as Json));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const providers = [...buildAccessGraph(result.world).nodes.values()].filter((node) => node.kind === 'federated').map((node) => node.name);
    expect(providers).toEqual([eks]);
  });
});
