// An AWS service that a resource-side policy names (Principal {"Service": ...}) is a caller too: the policy alone
// grants it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services).
// who-can lists it beside the IAM principals (as the graph names service nodes, "service:NAME"), conditional on the keys the service sends (the witness supplies them),
// and leaves it out where an RCP stops it. The bundle is the engine fixture service-principals.json's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAccessGraph, bundleToWorld, whoCanDo } from '@/server/engine';
import { resolveBundle } from '../../../fixtures/engine/load-fixtures';

const raw = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/engine/service-principals.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
const graph = (() => {
  const read = bundleToWorld(resolveBundle(raw, 'service-principals.json'));
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return buildAccessGraph(read.world);
})();
const TRAIL = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail';

describe('who-can names the AWS services a resource-side policy grants', () => {
  it('lists CloudTrail for the log bucket, conditional on the acl and the trail it sends', () => {
    const { answers } = whoCanDo(graph, { action: 's3:PutObject', resource: 'arn:aws:s3:::org-trail-logs/AWSLogs/o-a1b2c3d4e5/111111111111/log.gz' });
    const cloudtrail = answers.find((answer) => answer.principal === 'service:cloudtrail.amazonaws.com');
    expect(cloudtrail).toMatchObject({ actingPrincipal: 'service:cloudtrail.amazonaws.com', decision: 'conditional' });
    expect(cloudtrail!.path.hopCount).toBe(0);
    expect(Object.fromEntries(cloudtrail!.suppliedContext.map((entry) => [entry.key, entry.values]))).toEqual({
      's3:x-amz-acl': ['bucket-owner-full-control'], 'aws:SourceArn': [TRAIL],
    });
    expect(cloudtrail!.lastHop).toMatchObject({ decision: 'allowed', reasons: ['resource-allow'] });
    // The bucket policy's other statement names the same service for another action: it is not an answer here.
    expect(answers.filter((answer) => answer.principal.startsWith('service:')).map((answer) => answer.principal)).toEqual(['service:cloudtrail.amazonaws.com']);
  });

  it('lists Lambda for the role whose trust policy names it', () => {
    const { answers } = whoCanDo(graph, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::333333333333:role/lambda-exec' });
    expect(answers.find((answer) => answer.principal === 'service:lambda.amazonaws.com')).toMatchObject({ decision: 'allowed' });
  });

  it('leaves the service out where an RCP perimeter stops it', () => {
    const { answers } = whoCanDo(graph, { action: 's3:PutObject', resource: 'arn:aws:s3:::dev-trail-copy/AWSLogs/o-a1b2c3d4e5/111111111111/log.gz' });
    expect(answers.some((answer) => answer.principal === 'service:cloudtrail.amazonaws.com')).toBe(false);
  });
});
