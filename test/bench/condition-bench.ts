// Benchmark of compiled condition blocks and resource patterns: prints nanoseconds per evaluation.
// Run: npx tsx test/bench/condition-bench.ts   (figures only; no assertions — see HOUSE-STYLE "Performance").
import { compileConditionBlock, type CompiledCondition } from '../../server/engine/condition';
import { compileResourcePattern } from '../../server/engine/match/arn';
import type { ContextEntry, ContextValueType, RequestContext } from '../../server/engine/types';

function contextOf(entries: [string, string[], ContextValueType][]): RequestContext {
  return new Map<string, ContextEntry>(entries.map(([key, values, type]) => [key.toLowerCase(), { key, values, type }]));
}

const ctx = contextOf([
  ['aws:PrincipalOrgID', ['o-a1b2c3d4e5'], 'string'],
  ['aws:PrincipalTag/team', ['platform'], 'string'],
  ['aws:username', ['alice'], 'string'],
  ['aws:SourceIp', ['203.0.113.77'], 'ip'],
  ['aws:SecureTransport', ['true'], 'boolean'],
  ['aws:CurrentTime', ['2026-03-15T12:00:00Z'], 'date'],
  ['aws:RequestedRegion', ['eu-west-1'], 'string'],
  ['aws:TagKeys', ['env', 'team', 'cost-center'], 'stringList'],
  ['s3:prefix', ['home/alice/docs/'], 'string'],
  ['aws:PrincipalArn', ['arn:aws:iam::111122223333:role/platform/deployer'], 'string'],
]);

const v = '2012-10-17';
const cases: [string, CompiledCondition][] = [
  ['StringEquals org id', compileConditionBlock([{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] }], { policyVersion: v })],
  ['StringNotEquals 4 regions', compileConditionBlock([{ operator: 'StringNotEquals', key: 'aws:RequestedRegion', values: ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'] }], { policyVersion: v })],
  ['StringLike with ${aws:username}', compileConditionBlock([{ operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*'] }], { policyVersion: v })],
  ['IpAddress 3 CIDRs', compileConditionBlock([{ operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8', '192.0.2.0/24', '203.0.113.0/24'] }], { policyVersion: v })],
  ['Bool + DateLessThan', compileConditionBlock([
    { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
    { operator: 'DateLessThan', key: 'aws:CurrentTime', values: ['2030-01-01T00:00:00Z'] },
  ], { policyVersion: v })],
  ['ForAllValues:StringEquals TagKeys', compileConditionBlock([{ operator: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env', 'team', 'cost-center', 'owner'] }], { policyVersion: v })],
  ['ArnLike principal', compileConditionBlock([{ operator: 'ArnLike', key: 'aws:PrincipalArn', values: ['arn:aws:iam::*:role/platform/*'] }], { policyVersion: v })],
  ['absent key IfExists', compileConditionBlock([{ operator: 'StringEqualsIfExists', key: 'ec2:InstanceType', values: ['t3.micro'] }], { policyVersion: v })],
];

const resources: [string, (arn: string, ctx: RequestContext) => boolean, string][] = [
  ['Resource literal', compileResourcePattern('arn:aws:s3:::doc-bucket', v), 'arn:aws:s3:::doc-bucket'],
  ['Resource bucket/*', compileResourcePattern('arn:aws:s3:::doc-bucket/*', v), 'arn:aws:s3:::doc-bucket/a/b.txt'],
  ['Resource iam::*:role/*', compileResourcePattern('arn:aws:iam::*:role/*', v), 'arn:aws:iam::111122223333:role/x'],
  ['Resource with ${aws:username}', compileResourcePattern('arn:aws:s3:::doc-bucket/home/${aws:username}/*', v), 'arn:aws:s3:::doc-bucket/home/alice/x'],
];

function measure(name: string, run: () => boolean): void {
  const iterations = 1_000_000;
  let sink = 0;
  for (let i = 0; i < 50_000; i++) if (run()) sink++;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (run()) sink++;
  const elapsed = Number(process.hrtime.bigint() - start);
  console.log(`${name.padEnd(40)} ${(elapsed / iterations).toFixed(1).padStart(8)} ns/eval  (matched ${sink > 0 ? 'yes' : 'no'})`);
}

console.log('Condition engine benchmark (1,000,000 evaluations each, after warm-up)');
for (const [name, condition] of cases) measure(name, () => condition(ctx));
for (const [name, matcher, arn] of resources) measure(name, () => matcher(arn, ctx));
