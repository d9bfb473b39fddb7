import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIamDataCatalogSource, getIamDataCatalog, resolveIamDataDirectory } from '@/server/catalog/iam-data-source';
import { createCatalog } from '@/server/engine/catalog/catalog';
import { createStaticCatalogSource } from '@/server/engine/catalog/static-source';
import type { CatalogActionData, CatalogSource } from '@/server/engine/catalog/types';
import { RCP_SUPPORTED_SERVICES, isRcpSupportedService } from '@/server/engine/policy/rcp-services';

const action = (name: string, accessLevel = 'Read', extra: Partial<CatalogActionData> = {}): CatalogActionData => ({
  name, accessLevel, resourceTypes: [], conditionKeys: [], ...extra,
});

function countingSource(): { source: CatalogSource; loads: string[] } {
  const inner = createStaticCatalogSource({
    services: {
      s3: [
        action('GetObject', 'Read', {
          resourceTypes: [{ name: 'object', required: true, conditionKeys: ['s3:ExistingObjectTag/${TagKey}'] }],
          conditionKeys: ['s3:TlsVersion'],
        }),
        action('GetBucketPolicy'),
        action('PutObject', 'Write'),
        action('ListAllMyBuckets', 'List'),
      ],
      ec2: [action('DescribeInstances', 'List'), action('RunInstances', 'Write')],
      iam: [action('ListUsers', 'List')],
    },
    globalConditionKeys: ['aws:SourceIp', 'aws:PrincipalTag/tag-key'],
  });
  const loads: string[] = [];
  return {
    loads,
    source: { ...inner, serviceActions: (key) => { loads.push(key); return inner.serviceActions(key); } },
  };
}

describe('createCatalog over a static source', () => {
  it('finds actions case-insensitively and returns the canonical spelling', () => {
    const catalog = createCatalog(countingSource().source);
    expect(catalog.canonicalAction('S3:getobject')).toBe('s3:GetObject');
    expect(catalog.findAction('s3:GETOBJECT')).toMatchObject({ service: 's3', name: 'GetObject', accessLevel: 'Read' });
    expect(catalog.canonicalAction('s3:GetObjects')).toBeUndefined();
    expect(catalog.canonicalAction('nosuch:GetObject')).toBeUndefined();
    expect(catalog.canonicalAction('GetObject')).toBeUndefined();
    expect(catalog.hasService('EC2')).toBe(true);
    expect(catalog.hasService('ec3')).toBe(false);
  });

  it('loads each service once, and only when asked', () => {
    const { source, loads } = countingSource();
    const catalog = createCatalog(source);
    expect(loads).toEqual([]);
    catalog.findAction('s3:GetObject');
    catalog.findAction('s3:PutObject');
    catalog.listActions('S3');
    expect(loads).toEqual(['s3']);
    catalog.findAction('nosuch:Thing');
    expect(loads).toEqual(['s3']);
  });

  it('expands wildcard actions, including wildcard service prefixes', () => {
    const catalog = createCatalog(countingSource().source);
    expect(catalog.expandAction('s3:Get*')).toEqual(['s3:GetBucketPolicy', 's3:GetObject']);
    expect(catalog.expandAction('s3:?utObject')).toEqual(['s3:PutObject']);
    expect(catalog.expandAction('*:List*')).toEqual(['iam:ListUsers', 's3:ListAllMyBuckets']);
    expect(catalog.expandAction('S3:GETOBJECT')).toEqual(['s3:GetObject']);
    expect(catalog.expandAction('*')).toHaveLength(7);
    expect(catalog.expandAction('s3:Nothing*')).toEqual([]);
    expect(catalog.expandAction('s3')).toEqual([]);
  });

  it('lists actions with access levels, resource types and condition keys', () => {
    const catalog = createCatalog(countingSource().source);
    expect(catalog.listActions('ec2').map((a) => [a.id, a.accessLevel])).toEqual([
      ['ec2:DescribeInstances', 'List'], ['ec2:RunInstances', 'Write'],
    ]);
    expect(catalog.listActions('nosuch')).toEqual([]);
    expect(catalog.resourceTypes('s3:getobject').map((r) => r.name)).toEqual(['object']);
    expect(catalog.conditionKeys('s3:GetObject')).toEqual(['s3:TlsVersion', 's3:ExistingObjectTag/${TagKey}']);
    expect(catalog.conditionKeys('s3:Nope')).toEqual([]);
  });

  it('recognises global condition keys, tag-style families included', () => {
    const catalog = createCatalog(countingSource().source);
    expect(catalog.isGlobalConditionKey('AWS:sourceip')).toBe(true);
    expect(catalog.isGlobalConditionKey('aws:PrincipalTag/team')).toBe(true);
    expect(catalog.isGlobalConditionKey('aws:PrincipalTag/')).toBe(false);
    expect(catalog.isGlobalConditionKey('aws:SourceIpp')).toBe(false);
    expect(catalog.globalConditionKeys()).toEqual(['aws:SourceIp', 'aws:PrincipalTag/tag-key']);
  });
});

describe('the iam-data catalogue', () => {
  const catalog = getIamDataCatalog();

  it('knows the real services and actions', () => {
    expect(catalog.serviceKeys().length).toBeGreaterThan(400);
    expect(catalog.canonicalAction('iam:passrole')).toBe('iam:PassRole');
    expect(catalog.canonicalAction('sts:assumerole')).toBe('sts:AssumeRole');
    expect(catalog.findAction('s3:GetObject')?.accessLevel).toBe('Read');
    expect(catalog.resourceTypes('s3:GetObject').map((r) => r.name)).toContain('object');
    expect(catalog.expandAction('s3:Get*')).toContain('s3:GetObject');
    expect(catalog.expandAction('s3:Get*').every((id) => id.startsWith('s3:Get'))).toBe(true);
  });

  it('knows the global condition keys the engine derives', () => {
    for (const key of ['aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/x',
      'aws:SourceIp', 'aws:SecureTransport', 'aws:RequestedRegion', 'aws:ResourceAccount', 'aws:username']) {
      expect(catalog.isGlobalConditionKey(key), key).toBe(true);
    }
  });

  it('reads a fresh source from an explicit data directory', () => {
    const fresh = createCatalog(createIamDataCatalogSource(resolveIamDataDirectory()));
    expect(fresh.canonicalAction('kms:decrypt')).toBe('kms:Decrypt');
    expect(fresh.listActions('../services')).toEqual([]);
  });

  it('has the same RCP-supported services as iam-data (update rcp-services.ts when this fails)', () => {
    const fromData = JSON.parse(readFileSync(join(resolveIamDataDirectory(), 'rcpSupportedServices.json'), 'utf8')) as string[];
    expect([...RCP_SUPPORTED_SERVICES].sort()).toEqual([...fromData].sort());
    for (const service of RCP_SUPPORTED_SERVICES) expect(catalog.hasService(service), service).toBe(true);
    expect(isRcpSupportedService('S3')).toBe(true);
    expect(isRcpSupportedService('ec2')).toBe(false);
  });
});
