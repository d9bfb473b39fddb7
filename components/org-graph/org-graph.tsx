'use client';
import '@xyflow/react/dist/style.css';
import { Background, BackgroundVariant, Controls, MiniMap, Panel, ReactFlow } from '@xyflow/react';
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
        fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
        minZoom={0.1}
        maxZoom={1.75}
        defaultEdgeOptions={{ type: 'smoothstep' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#d5dbe3" />
        <MiniMap<OrgFlowNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          ariaLabel="Organization minimap"
          style={{ width: 150, height: 96 }}
        />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <Panel position="top-left">
          <GraphLegend />
        </Panel>
      </ReactFlow>
    </div>
  );
}

/** What the card styles and badges mean. */
function GraphLegend() {
  return (
    <ul className="graph-legend" aria-label="Legend">
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--root" aria-hidden="true" /> Root
      </li>
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--ou" aria-hidden="true" /> Organizational unit
      </li>
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--account" aria-hidden="true" /> Account
      </li>
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--management" aria-hidden="true" /> Management
        account (no SCP or RCP restricts it)
      </li>
      <li>
        <span className="policy-badge policy-badge--scp">SCP</span>{' '}
        <span className="policy-badge policy-badge--rcp">RCP</span> attached here
      </li>
    </ul>
  );
}
