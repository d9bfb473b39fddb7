// React Flow nodes and edges (as the canvas holds them after layout and measuring) to the exporters' diagram
// model. Pure: no React, no DOM; only types come from @xyflow/react and the canvas's node definitions.
import type { Edge } from '@xyflow/react';
import { NODE_SIZE, type OrgFlowNode } from '../to-flow';
import { policyLinesOf } from './card-content';
import type { DiagramEdge, DiagramLegendEntry, DiagramModel, DiagramNode, DiagramStatus, ShareEdgeMark } from './diagram-model';

/** Options of fromFlow. */
export interface FromFlowOptions {
  /** Heading of the export. */
  title?: string;
  /** Effective-permission colours by node id (the effective view's result); nodes absent from it stay neutral. */
  statuses?: Readonly<Record<string, DiagramStatus | undefined>>;
  /** Legend rows to draw; derived from the statuses present when absent. */
  legend?: DiagramLegendEntry[];
  /** True: the legend also explains the cards and badges (DiagramModel.key). */
  key?: boolean;
  /** True: cards print their attached policies' names (the flow's cards must have been made tall enough). */
  policyNames?: boolean;
  /** Edge routes by edge id from the layout (the export sheet's compact layout); others take the canvas shapes. */
  routes?: ReadonlyMap<string, { x: number; y: number }[]>;
}

/**
 * Builds the diagram of what the canvas shows: hidden nodes (collapsed subtrees) and edges touching them are left
 * out, so exporting the current view exports exactly the visible tree. Positions are the nodes' canvas positions;
 * sizes are the measured ones, else the declared ones, else the card size the layout assumed.
 */
export function fromFlow(nodes: readonly OrgFlowNode[], edges: readonly Edge[], options: FromFlowOptions = {}): DiagramModel {
  const diagramNodes: DiagramNode[] = [];
  for (const node of nodes) {
    if (node.hidden) continue;
    const size = NODE_SIZE[node.type];
    const base = {
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? node.width ?? size.width,
      height: node.measured?.height ?? node.height ?? size.height,
    };
    let diagramNode: DiagramNode;
    if (node.type === 'externalAccount') {
      // An account outside the organization named by a RAM share (present only when share edges are exported).
      diagramNodes.push({ ...base, kind: 'external', label: 'Outside the organization', sublabel: node.data.accountId, badges: node.data.shares.map((name) => `RAM ${name}`) });
      continue;
    }
    if (node.type === 'root') {
      const { root } = node.data;
      diagramNode = { ...base, kind: 'root', label: root.name, sublabel: root.awsId, badges: policyBadges(root.policyCounts) };
    } else if (node.type === 'ou') {
      const { ou } = node.data;
      diagramNode = { ...base, kind: 'ou', label: ou.name, sublabel: ou.awsId, badges: policyBadges(ou.policyCounts) };
    } else {
      const { account } = node.data;
      diagramNode = { ...base, kind: 'account', label: account.name, sublabel: account.accountId, badges: policyBadges(account.policyCounts) };
      if (account.isManagement) diagramNode.isManagement = true;
      // Suspended or closed accounts say so, as their card does.
      if (account.status !== 'ACTIVE') diagramNode.badges.unshift(account.status.replaceAll('_', ' ').toLowerCase());
    }
    const attached = node.type === 'root' ? node.data.root.attachedPolicies : node.type === 'ou' ? node.data.ou.attachedPolicies : node.data.account.attachedPolicies;
    if (attached.length > 0) diagramNode.policies = attached.map((policy) => policy.name);
    if (options.policyNames && attached.length > 0) diagramNode.policyLines = policyLinesOf(attached);
    const status = options.statuses?.[node.id];
    if (status) diagramNode.status = status;
    diagramNodes.push(diagramNode);
  }

  const shown = new Set(diagramNodes.map((node) => node.id));
  const diagramEdges: DiagramEdge[] = edges
    .filter((edge) => !edge.hidden && shown.has(edge.source) && shown.has(edge.target))
    .map((edge): DiagramEdge => {
      const share = edge.data as { shareArn?: unknown; external?: unknown; pending?: unknown; stop?: unknown } | undefined;
      if (typeof share?.shareArn !== 'string') {
        const points = options.routes?.get(edge.id);
        return { id: edge.id, source: edge.source, target: edge.target, ...(points ? { points } : {}) };
      }
      // A RAM share edge (components/ram/share-flow.ts): its label and marks travel with it.
      const marks: ShareEdgeMark[] = [];
      if (share.external === true) marks.push('external');
      if (share.pending === true) marks.push('pending');
      if (share.stop === 'all' || share.stop === 'some') marks.push('stopped');
      return { id: edge.id, source: edge.source, target: edge.target, kind: 'share', ...(typeof edge.label === 'string' ? { label: edge.label } : {}), marks };
    });

  const model: DiagramModel = { nodes: diagramNodes, edges: diagramEdges };
  if (options.title !== undefined) model.title = options.title;
  if (options.legend !== undefined) model.legend = options.legend;
  if (options.key) model.key = true;
  return model;
}

/** Badges for the policies attached directly to a node; zero counts are left out of exports. */
function policyBadges(counts: { scp: number; rcp: number }): string[] {
  const badges: string[] = [];
  if (counts.scp > 0) badges.push(`SCP ${counts.scp}`);
  if (counts.rcp > 0) badges.push(`RCP ${counts.rcp}`);
  return badges;
}
