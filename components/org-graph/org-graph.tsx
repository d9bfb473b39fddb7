'use client';
import '@xyflow/react/dist/style.css';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import type { OrgFlow, OrgFlowNode } from './to-flow';
import { orgNodeTypes } from './node-types';

/** Minimap colours per node type, matching the cards (see globals.css). */
function minimapColor(node: OrgFlowNode): string {
  if (node.type === 'root') return '#232f3e';
  if (node.type === 'ou') return '#6b7a90';
  return node.data.account.isManagement ? '#ff9900' : '#c3ccd8';
}

/**
 * Draws a laid-out org graph, read-only: pan, zoom, minimap. Presentational on purpose: the editor (a later
 * issue) supplies nodes from its store and turns dragging on, without changing this component's shape.
 */
export function OrgGraph({ flow, label }: { flow: OrgFlow; label: string }) {
  return (
    <div className="org-graph" aria-label={label} role="figure">
      <ReactFlow<OrgFlowNode>
        nodes={flow.nodes}
        edges={flow.edges}
        nodeTypes={orgNodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        edgesFocusable={false}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.1}
        maxZoom={1.75}
        defaultEdgeOptions={{ type: 'smoothstep' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#d5dbe3" />
        <MiniMap<OrgFlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} ariaLabel="Organization minimap" />
        <Controls showInteractive={false} aria-label="Zoom controls" />
      </ReactFlow>
    </div>
  );
}
