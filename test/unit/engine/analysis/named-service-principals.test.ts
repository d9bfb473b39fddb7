// The AWS services a world's policies name (Principal {"Service": ...}, reference_policies_elements_principal.html#principal-services):
// resource-based and key policies, and role trust policies, each document counted once per service.
import { describe, expect, it } from 'vitest';
import { namedServicePrincipals, type World } from '@/server/engine';

const trust = (service: string | string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

function worldOf(roles: { trustPolicy: string | Record<string, unknown> }[], resourcePolicies: { resourceArn: string; document: string | Record<string, unknown> }[]): World {
  return { iam: { '111111111111': { roles, users: [], groups: [], managedPolicies: [] } }, resourcePolicies } as unknown as World;
}

describe('namedServicePrincipals', () => {
  it('counts the policies naming each service, most-named first, then by name', () => {
    const world = worldOf(
      [{ trustPolicy: trust('lambda.amazonaws.com') }, { trustPolicy: trust(['lambda.amazonaws.com', 'edgelambda.amazonaws.com']) }, { trustPolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }] }) }],
      [{
        resourceArn: 'arn:aws:s3:::logs',
        document: { Version: '2012-10-17', Statement: [
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::logs' },
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' },
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' },
        ] },
      }],
    );
    expect(namedServicePrincipals(world)).toEqual([
      { name: 'lambda.amazonaws.com', policies: 2 },
      { name: 'cloudtrail.amazonaws.com', policies: 1 },
      { name: 'edgelambda.amazonaws.com', policies: 1 },
    ]);
  });

  it('reads a single statement object and skips documents that do not parse', () => {
    const world = worldOf([{ trustPolicy: '{"Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}' }, { trustPolicy: '{"Service": not json' }], []);
    expect(namedServicePrincipals(world)).toEqual([{ name: 'ec2.amazonaws.com', policies: 1 }]);
  });
});
