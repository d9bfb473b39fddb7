// Table-driven tests of the access graph and the external-access findings: test/fixtures/access/*.json, each case
// naming the AWS page that justifies it. The bundle of a case is test/fixtures/engine/_base/org.json plus its patch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allEdges, buildAccessGraph, bundleToWorld, evaluate, explainEdge, externalAccessFindings, whoCanReachRole, type AccessGraph, type World,
} from '@/server/engine';
import { mergeBundle } from '../../../fixtures/engine/load-fixtures';

type Json = Record<string, unknown>;
const ACCESS_DIR = fileURLToPath(new URL('../../../fixtures/access/', import.meta.url));
const BASE = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/engine/_base/org.json', import.meta.url)), 'utf8')) as Json;

interface ExpectedEdge {
  from: string;
  to: string;
  decision: 'allowed' | 'conditional' | 'none';
  fromKind?: string;
  conditions?: { kind: string; key: string; values?: string[]; mustSupply?: boolean }[];
  chained?: boolean;
  maxSessionSeconds?: number;
}
interface ExpectedFinding {
  resource: string;
  resourceType: string;
  rule: string;
  principal: Record<string, string>;
  isPublic: boolean;
  condition: Record<string, string>;
  sid?: string;
  /** The actions left to the outsider, when the case checks them (a Deny of the same policy may take some away). */
  action?: string[];
}
interface FixtureCase {
  name: string;
  doc: string;
  bundlePatch: Json;
  edges?: ExpectedEdge[];
  paths?: { from: string; to: string; hopCount: number }[];
  findings?: ExpectedFinding[];
}

function load(file: string): FixtureCase[] {
  const raw = JSON.parse(readFileSync(join(ACCESS_DIR, file), 'utf8')) as { doc: string; cases: FixtureCase[] };
  expect(raw.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  return raw.cases;
}

function worldOf(fixture: FixtureCase): World {
  const result = bundleToWorld(mergeBundle(BASE, fixture.bundlePatch));
  if (!result.ok) throw new Error(`${fixture.name}: ${JSON.stringify(result.errors)}`);
  return result.world;
}

function edgeOf(graph: AccessGraph, from: string, to: string) {
  return allEdges(graph).find((edge) => edge.from === from && edge.to === to);
}

describe('access graph: assume-role edges (test/fixtures/access/assume-edges.json)', () => {
  for (const fixture of load('assume-edges.json')) {
    it(fixture.name, () => {
      expect(fixture.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      const graph = buildAccessGraph(worldOf(fixture));
      for (const expected of fixture.edges ?? []) {
        const edge = edgeOf(graph, expected.from, expected.to);
        // The graph's candidate pre-checks must never disagree with the engine: an edge the graph draws unconditionally
        // is one evaluate() allows, and one it leaves out is one evaluate() refuses (for direct IAM principals).
        if (expected.decision !== 'conditional' && expected.from.startsWith('arn:aws:iam::')) {
          const engine = evaluate(graph.compiled, { principalArn: expected.from, action: 'sts:AssumeRole', resource: expected.to, context: [] });
          expect(engine.decision === 'allowed', `engine on ${expected.from} -> ${expected.to}: ${engine.decision}`).toBe(expected.decision === 'allowed');
        }
        if (expected.decision === 'none') {
          expect(edge, `${expected.from} -> ${expected.to}`).toBeUndefined();
          continue;
        }
        expect(edge, `${expected.from} -> ${expected.to}`).toBeDefined();
        expect(edge!.decision).toBe(expected.decision);
        // The edge panel replays an evaluated edge with the context (and caller session) it was found with: the engine
        // must allow it then, or the trace shown would contradict the edge drawn.
        if (edge!.evaluated) expect(explainEdge(graph.compiled, edge!)?.decision, `replay of ${edge!.id}`).toBe('allowed');
        if (expected.fromKind) expect(graph.nodes.get(expected.from)?.kind).toBe(expected.fromKind);
        if (expected.chained !== undefined) expect(edge!.chained).toBe(expected.chained);
        if (expected.maxSessionSeconds !== undefined) expect(edge!.maxSessionSeconds).toBe(expected.maxSessionSeconds);
        if (expected.conditions) {
          expect(edge!.conditions.map((condition) => ({ kind: condition.kind, key: condition.key }))).toEqual(
            expected.conditions.map((condition) => ({ kind: condition.kind, key: condition.key })),
          );
          expected.conditions.forEach((condition, i) => {
            if (condition.values) expect(edge!.conditions[i].values).toEqual(condition.values);
            if (condition.mustSupply !== undefined) expect(edge!.conditions[i].mustSupply).toBe(condition.mustSupply);
          });
        }
      }
      for (const expected of fixture.paths ?? []) {
        const path = whoCanReachRole(graph, expected.to).find((candidate) => candidate.from === expected.from);
        expect(path?.hopCount).toBe(expected.hopCount);
        expect(path?.hops.at(-1)?.maxSessionSeconds).toBe(3600);
      }
    });
  }
});

describe('external-access findings (test/fixtures/access/external-access-findings.json)', () => {
  for (const fixture of load('external-access-findings.json')) {
    it(fixture.name, () => {
      const graph = buildAccessGraph(worldOf(fixture));
      const findings = externalAccessFindings(graph.compiled, { analyzedAt: '2026-12-02T08:00:00.000Z' });
      const checksActions = fixture.findings?.some((finding) => finding.action !== undefined) === true;
      // The bundle reader gives resources in canonical order (account, ARN), not file order: compare as sets.
      const byResource = (a: { resource: string }, b: { resource: string }) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0);
      expect(findings.map((finding) => ({
        resource: finding.resource,
        resourceType: finding.resourceType,
        rule: finding.lzsim.rule,
        principal: finding.findingDetails[0].externalAccessDetails.principal,
        isPublic: finding.findingDetails[0].externalAccessDetails.isPublic,
        condition: finding.findingDetails[0].externalAccessDetails.condition,
        ...(finding.lzsim.sid ? { sid: finding.lzsim.sid } : {}),
        ...(checksActions ? { action: finding.findingDetails[0].externalAccessDetails.action } : {}),
      })).sort(byResource)).toEqual([...(fixture.findings as { resource: string }[])].sort(byResource));
      for (const finding of findings) {
        expect(finding.findingType).toBe('ExternalAccess');
        expect(finding.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(finding.status).toBe('ACTIVE');
      }
    });
  }
});
