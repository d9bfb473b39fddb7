// The compact edge store must read back exactly the edges written: shaped edges (the shared form, their statements
// naming the target's trust policy) and edges kept whole, in order, across replacement, removal, compaction and the
// outgoing index. Compared with a plain Map of edge objects after a random sequence of operations.
import { describe, expect, it } from 'vitest';
import { EdgeStore } from '@/server/engine/access/edge-store';
import type { AssumeEdge } from '@/server/engine';
import { random } from '../../../bench/synthetic-org';

const roles = Array.from({ length: 12 }, (_, i) => `arn:aws:iam::20000000000${i % 10}:role/R${i}`);
const sources = [...roles, 'service:lambda.amazonaws.com', 'arn:aws:iam::999900000001:role/lzsim-external/AnyPrincipal'];

function edge(from: string, to: string, variant: number): AssumeEdge {
  const statements = variant % 3 === 0 ? [] : [{ policyId: `${to}/trust-policy`, statementIndex: variant % 2, ...(variant % 4 === 1 ? { sid: 'Trust' } : {}) }];
  return {
    id: `${from} -> ${to}`, from, to, action: variant % 5 === 0 ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRole',
    decision: variant % 2 === 0 ? 'allowed' : 'conditional',
    conditions: variant % 2 === 0 ? [] : [{ kind: 'externalId', key: 'sts:ExternalId', values: [`x-${variant}`], mustSupply: true }],
    suppliedContext: variant % 2 === 0 ? [] : [{ key: 'sts:ExternalId', values: [`x-${variant}`], type: 'string' }],
    // Variant 7 names another policy: not the shared form, so the store keeps it whole.
    trustStatements: variant === 7 ? [{ policyId: 'elsewhere', statementIndex: 0 }] : statements,
    chained: variant % 2 === 1, maxSessionSeconds: 3600 + variant, evaluated: variant % 5 !== 0,
  };
}

describe('EdgeStore', () => {
  it('reads back what a plain map holds, through replacement, removal, extension and compaction', () => {
    const next = random(9);
    const store = new EdgeStore();
    const expected = new Map<string, AssumeEdge[]>();
    for (let step = 0; step < 3000; step++) {
      const target = roles[Math.floor(next() * roles.length)];
      const choice = next();
      if (choice < 0.5) {
        const edges = Array.from({ length: Math.floor(next() * 6) }, () => edge(sources[Math.floor(next() * sources.length)], target, Math.floor(next() * 9)));
        store.set(target, edges);
        expected.set(target, edges);
      } else if (choice < 0.65) {
        expect(store.delete(target)).toBe(expected.delete(target));
      } else if (choice < 0.85) {
        // Extend: the existing edges again, then one more shaped from a template into another role.
        const template = edge(sources[0], roles[(roles.indexOf(target) + 1) % roles.length], Math.floor(next() * 9));
        const from = sources[Math.floor(next() * sources.length)];
        store.open();
        store.pushExisting(target);
        store.pushFrom(from, template, true, 3600, target);
        store.close(target);
        const trustStatements = template.trustStatements.map((statement) => ({ ...statement, policyId: `${target}/trust-policy` }));
        expected.set(target, [...(expected.get(target) ?? []), { ...template, id: `${from} -> ${target}`, from, to: target, trustStatements, chained: true, maxSessionSeconds: 3600 }]);
      } else {
        const from = sources[Math.floor(next() * sources.length)];
        expect(store.hasEdgeFrom(target, from)).toBe((expected.get(target) ?? []).some((candidate) => candidate.from === from));
        store.open();
        store.pushExistingExcept(target, from);
        if (expected.has(target)) {
          store.close(target);
          expected.set(target, expected.get(target)!.filter((candidate) => candidate.from !== from));
        } else store.close('unused');
        store.delete('unused');
      }
    }
    expect([...store.keys()]).toEqual([...expected.keys()]);
    for (const [target, edges] of expected) expect(JSON.stringify(store.get(target))).toBe(JSON.stringify(edges));
    expect(store.edgeCount).toBe([...expected.values()].reduce((sum, edges) => sum + edges.length, 0));
    for (const source of sources) {
      const outgoing = [...expected.values()].flat().filter((candidate) => candidate.from === source);
      expect(JSON.stringify(store.outgoing(source))).toBe(JSON.stringify(outgoing));
    }
  });
});
