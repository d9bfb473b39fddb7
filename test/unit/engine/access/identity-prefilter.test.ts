// The access graph decides whether a class may assume roles from its identity sketch (parsed once, shared with
// who-can's pre-filter) instead of scanning each policy text: both readings must agree on every kind of document.

import { describe, expect, it } from 'vitest';
import { identityMayAllow, identityMayNameAction, identitySketch, sketchMayAllowAction } from '@/server/engine/access/identity-prefilter';
import type { AccountIam, IamRole, IamUser, PolicySource } from '@/server/engine';

const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const DOCUMENTS: PolicySource[] = [
  doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/PeerRole' }),
  doc({ Effect: 'Allow', Action: ['s3:GetObject', 'dynamodb:*'], Resource: ['arn:aws:s3:::data-1/*'] }),
  doc({ Effect: 'Allow', Action: 'sts:Assume*', Resource: '*' }),
  doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
  doc({ Effect: 'Allow', NotAction: 'sts:*', Resource: '*' }),
  doc({ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }),
  doc({ Effect: 'Allow', Action: '*' }),
  doc({ Effect: 'Allow', Action: 'STS:ASSUMEROLE', Resource: '*' }),
  '{ not json',
  JSON.stringify({ Version: '2012-10-17', Statement: ['oops'] }),
  { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' } } as unknown as PolicySource,
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] } as unknown as PolicySource,
];

const ACTIONS = ['sts:assumerole', 'sts:tagsession', 's3:getobject', 'iam:createuser', 'ec2:terminateinstances'];

/** A small deterministic generator: the same principals on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('identity sketch vs identity pre-filter', () => {
  it('agrees with identityMayAllow on the action alone for random principals (never drops one it keeps)', () => {
    const random = generator(9);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const iam: AccountIam = {
      users: [], roles: [],
      managedPolicies: DOCUMENTS.slice(0, 8).map((document, i) => ({ arn: `arn:aws:iam::111122223333:policy/P${i}`, name: `P${i}`, document })),
      groups: [0, 1, 2].map((g) => ({
        arn: `arn:aws:iam::111122223333:group/G${g}`, name: `G${g}`, path: '/',
        attachedPolicyArns: [`arn:aws:iam::111122223333:policy/P${g * 2}`], inlinePolicies: g === 2 ? [{ name: 'inline', document: pick(DOCUMENTS) }] : [],
      })),
    };
    for (let n = 0; n < 300; n++) {
      const inlinePolicies = Array.from({ length: Math.floor(random() * 3) }, (_, i) => ({ name: `i${i}`, document: pick(DOCUMENTS) }));
      const attachedPolicyArns = Array.from({ length: Math.floor(random() * 3) }, () => `arn:aws:iam::111122223333:policy/P${Math.floor(random() * 10)}`);
      const base = { name: `p${n}`, path: '/', inlinePolicies, attachedPolicyArns, tags: [] };
      const principal: IamRole | IamUser = random() < 0.5
        ? { ...base, arn: `arn:aws:iam::111122223333:role/p${n}`, trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }), maxSessionDuration: 3600 }
        : { ...base, arn: `arn:aws:iam::111122223333:user/p${n}`, groups: ['G0', 'G1', 'G2', 'Missing'].filter(() => random() < 0.4) };
      const sketch = identitySketch(iam, principal);
      for (const action of ACTIONS) {
        // An unreadable document makes the sketch "may allow anything" (null), where the text scan may still see the
        // action is not named: only ever more candidates for the engine to decide, never fewer.
        const expected = sketch === null ? true : identityMayAllow(iam, principal, action);
        expect(sketchMayAllowAction(sketch, action), `${JSON.stringify(principal)} ${action}`).toBe(expected);
        if (identityMayAllow(iam, principal, action)) expect(sketchMayAllowAction(sketch, action)).toBe(true);
        // The graph's class test (classMayAssume) scans the texts before sketching: the same answer whenever every
        // document can be read, and never fewer candidates than the text scan of identityMayAllow keeps.
        const classTest = identityMayNameAction(iam, principal, action) && sketchMayAllowAction(sketch, action);
        if (sketch !== null) expect(classTest, `${JSON.stringify(principal)} ${action}`).toBe(sketchMayAllowAction(sketch, action));
        if (identityMayAllow(iam, principal, action)) expect(classTest).toBe(true);
      }
    }
  });
});

describe('identityMayNameAction reads NotAction in any case', () => {
  const iam: AccountIam = { users: [], roles: [], groups: [], managedPolicies: [] };
  const roleWith = (text: string): IamRole => ({
    arn: 'arn:aws:iam::111122223333:role/r', name: 'r', path: '/', trustPolicy: '{}', maxSessionDuration: 3600,
    attachedPolicyArns: [], inlinePolicies: [{ name: 'inline', document: text }], tags: [],
  });

  it('keeps a text naming NotAction however it is spelled, wherever it stands, and only then', () => {
    // No quoted string here starts like sts:AssumeRole or with a wildcard: only the NotAction scan can keep these.
    const kept = ['{"NotAction":"iam:x"}', '{"NOTACTION":1}', '{"nOtAcTiOn":1}', 'notaction', 'xNotActionx', 'cNotAction'];
    const dropped = ['{"Action":"iam:x"}', '{"NotActio":1}', 'otaction', 'notactio', '{"NOTACT\u0130ON":1}', '{"Not Action":1}', 'c', ''];
    for (const text of kept) expect(identityMayNameAction(iam, roleWith(text), 'sts:assumerole'), text).toBe(true);
    for (const text of dropped) expect(identityMayNameAction(iam, roleWith(text), 'sts:assumerole'), text).toBe(false);
  });
});
