// Adversarial wildcard benchmark: prints the time of one match for patterns built to make a backtracking matcher
// explode (issue 14, "One request freezes the server": an SCP Resource repeating `*?` eight times took 7 s per match
// when globs compiled to RegExps). Target: <= 1 ms per match, whatever the pattern. Figures only, no assertions.
// Run: npm run bench:wildcard
import { performance } from 'node:perf_hooks';
import { compileConditionBlock } from '../../server/engine/condition';
import { compileArnPattern, compileResourcePattern } from '../../server/engine/match/arn';
import { compileGlob, matchEscapedGlob } from '../../server/engine/match/wildcard';
import { compileActionList } from '../../server/engine/world/action-matcher';
import { compileWorld, evaluate, type RequestContext, type World } from '../../server/engine';

/** Longest resource the policy grammar lets through in practice: ARNs reach 2,048 characters. */
const LONG = 2048;
const longArn = `arn:aws:s3:::${'a'.repeat(LONG - 13)}`;
const longText = 'a'.repeat(LONG);
const ctx: RequestContext = new Map([
  ['aws:username', { key: 'aws:username', values: ['a'.repeat(40)], type: 'string' }],
  ['s3:prefix', { key: 's3:prefix', values: [longText], type: 'string' }],
]);

interface Case {
  name: string;
  run: () => boolean;
}

const manyStars = (n: number) => '*?'.repeat(n);
// A long chunk holding `?` that almost fits at every position: the worst case for a chunk search.
const nearMiss = `${'a?'.repeat(600)}b`;

const cases: Case[] = [
  ...[8, 12, 24, 200].map((n) => {
    const matcher = compileArnPattern(`arn:aws:s3:::${manyStars(n)}b`);
    return { name: `Resource arn:aws:s3:::${'*?'}×${n}b, no match`, run: () => matcher(longArn) };
  }),
  (() => {
    const matcher = compileArnPattern(`arn:aws:s3:::${manyStars(12)}a`);
    return { name: 'Resource arn:aws:s3:::*?×12a, match', run: () => matcher(longArn) };
  })(),
  (() => {
    const matcher = compileArnPattern(`arn:aws:s3:::*${nearMiss}*`);
    return { name: 'Resource with a 1,201-char chunk of a? that never fits', run: () => matcher(longArn) };
  })(),
  (() => {
    const matcher = compileArnPattern(`arn:*:*:*:*:${'*a'.repeat(500)}*b`);
    return { name: 'Resource arn:*:*:*:*: then *a×500*b', run: () => matcher(longArn) };
  })(),
  (() => {
    const matcher = compileGlob(`${manyStars(24)}b`);
    return { name: 'StringLike-style glob *?×24b on 2,048 chars', run: () => matcher(longText) };
  })(),
  (() => {
    const matcher = compileActionList([`s3:${manyStars(24)}x`]);
    const action = `s3:${'get'.repeat(40)}`;
    return { name: 'Action s3:*?×24x', run: () => matcher(action) };
  })(),
  (() => {
    const condition = compileConditionBlock([{ operator: 'StringLike', key: 's3:prefix', values: [`${manyStars(24)}b`] }], { policyVersion: '2012-10-17' });
    return { name: 'Condition StringLike *?×24b', run: () => condition(ctx) };
  })(),
  (() => {
    const condition = compileConditionBlock([{ operator: 'StringLike', key: 's3:prefix', values: [`*\${aws:username}${nearMiss}*`] }], { policyVersion: '2012-10-17' });
    return { name: 'Condition StringLike *${aws:username}(a?)×600b* (substituted per request)', run: () => condition(ctx) };
  })(),
  (() => {
    const condition = compileConditionBlock([{ operator: 'ArnLike', key: 's3:prefix', values: [`arn:aws:s3:::${manyStars(24)}b`] }], { policyVersion: '2012-10-17' });
    const arnCtx: RequestContext = new Map([['s3:prefix', { key: 's3:prefix', values: [longArn], type: 'string' }]]);
    return { name: 'Condition ArnLike arn:aws:s3:::*?×24b', run: () => condition(arnCtx) };
  })(),
  (() => {
    const matcher = compileResourcePattern(`arn:aws:s3:::*\${aws:username}${nearMiss}*`, '2012-10-17');
    return { name: 'Resource with ${aws:username} and a (a?)×600b chunk', run: () => matcher(longArn, ctx) };
  })(),
  (() => {
    const pattern = `${'*a?'.repeat(300)}b`;
    return { name: 'escaped glob parsed per request: *a?×300b', run: () => matchEscapedGlob(pattern, longText) };
  })(),
];

/**
 * Median and 99th percentile of `runs` timings of one call, in milliseconds (each call timed alone). The p99 also
 * catches garbage collection and other processes on a shared machine; the median is the matcher's own cost.
 */
function time(run: () => boolean, runs: number): { median: number; p99: number; result: boolean } {
  const times: number[] = [];
  let result = false;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)], result };
}

console.log('lzsim adversarial wildcard benchmark (one match each; target <= 1 ms)');
console.log(`  candidate length ${LONG} characters`);
for (const { name, run } of cases) {
  for (let i = 0; i < 50; i++) run(); // warm up the JIT
  const { median, p99, result } = time(run, 200);
  console.log(`  ${median.toFixed(4).padStart(8)} ms median, ${p99.toFixed(4).padStart(8)} ms p99  ${result ? 'match   ' : 'no match'}  ${name}`);
}

// End to end: an SCP whose Resource repeats `*?` twelve times, evaluated against a long object key.
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const world: World = {
  organization: { id: 'o-advers0001', managementAccountId: '111111111111', featureSet: 'ALL', enabledPolicyTypes: ['SCP'] },
  orgUnits: [{ id: 'r-adv1', name: 'Root' }],
  accounts: [{ id: '111111111111', name: 'management', parentId: 'r-adv1' }, { id: '222222222222', name: 'workload', parentId: 'r-adv1' }],
  policies: [
    { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { id: 'p-adversarial', name: 'Adversarial', type: 'SCP', document: doc({ Effect: 'Deny', Action: 's3:*', Resource: `arn:aws:s3:::${manyStars(12)}b` }) },
  ],
  attachments: [
    { policyId: 'p-FullAWSAccess', targetId: 'r-adv1' },
    { policyId: 'p-FullAWSAccess', targetId: '222222222222' },
    { policyId: 'p-adversarial', targetId: 'r-adv1' },
  ],
  iam: {
    '222222222222': {
      users: [], groups: [], managedPolicies: [],
      roles: [{
        arn: 'arn:aws:iam::222222222222:role/app', name: 'app', path: '/', roleId: 'AROAADVERSARIAL0001',
        trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        attachedPolicyArns: [], tags: [],
        inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }],
      }],
    },
  },
  resourcePolicies: [],
};
const compiled = compileWorld(world);
const request = { principalArn: 'arn:aws:iam::222222222222:role/app', action: 's3:GetObject', resource: longArn, context: [] };
const endToEnd = time(() => evaluate(compiled, request).decision === 'allowed', 100);
console.log(`  ${endToEnd.median.toFixed(4).padStart(8)} ms median, ${endToEnd.p99.toFixed(4).padStart(8)} ms p99  evaluate(): SCP Resource arn:aws:s3:::*?×12b against a 2,048-char object ARN (${endToEnd.result ? 'allowed' : 'denied'})`);
