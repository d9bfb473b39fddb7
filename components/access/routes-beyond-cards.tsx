'use client';
import { ViewportPortal, useStore, type ReactFlowState } from '@xyflow/react';
import { useMemo } from 'react';
import { labelBox, ACCESS_Z, EDGE_HIT_WIDTH, type AccessFlowEdge } from './access-flow';
import { AccessEdgeLabel } from './access-nodes';
import { pointOnRoute, routePath } from './access-route';
import { edgesBeyondTheirCards, viewRectOf, type FlowRect } from './route-culling';

/** What the culling reads of React Flow's store: the view, and where the cards are (absolute, as measured). */
function viewSelector(state: ReactFlowState) {
  return { transform: state.transform, width: state.width, height: state.height, nodeLookup: state.nodeLookup };
}

function sameView(a: ReturnType<typeof viewSelector>, b: ReturnType<typeof viewSelector>): boolean {
  return a.transform[0] === b.transform[0] && a.transform[1] === b.transform[1] && a.transform[2] === b.transform[2]
    && a.width === b.width && a.height === b.height && a.nodeLookup === b.nodeLookup;
}

/**
 * Draws the routed edges React Flow leaves out when it renders only what is in view: it judges an edge by the span of
 * its two cards, so a route detouring outside that span vanished at the screen's edge while its cards were off
 * screen (route-culling.ts). Same classes, stacking and label as React Flow's edge, and a click opens its panel.
 */
export function RoutesBeyondCards({ edges, onEdge }: { edges: readonly AccessFlowEdge[]; onEdge: (id: string) => void }) {
  const { transform, width, height, nodeLookup } = useStore(viewSelector, sameView);
  const beyond = useMemo(() => {
    if (!width || !height) return [];
    const cardBox = (id: string): FlowRect | undefined => {
      const node = nodeLookup.get(id);
      if (!node) return undefined;
      return { x: node.internals.positionAbsolute.x, y: node.internals.positionAbsolute.y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
    };
    const cullable = edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, route: edge.data?.route, edge }));
    return edgesBeyondTheirCards(cullable, cardBox, viewRectOf(transform, width, height)).map((entry) => entry.edge);
  }, [edges, nodeLookup, transform, width, height]);
  if (beyond.length === 0) return null;
  return (
    <ViewportPortal>
      {[ACCESS_Z.edge, ACCESS_Z.highlightedEdge].map((zIndex) => {
        const layer = beyond.filter((edge) => (edge.zIndex ?? ACCESS_Z.edge) === zIndex);
        if (layer.length === 0) return null;
        return (
          <svg key={zIndex} className="access-routes-beyond" style={{ zIndex }} aria-hidden="false">
            {layer.map((edge) => {
              const route = edge.data!.route!;
              const path = routePath(route);
              const text = typeof edge.label === 'string' && !edge.data?.labelHidden ? edge.label : undefined;
              const box = text ? labelBox(text, pointOnRoute(route, edge.data?.labelAt ?? 0.5)) : undefined;
              return (
                <g key={edge.id} className={`react-flow__edge ${edge.className ?? ''}`} data-id={edge.id} data-beyond-cards="" onClick={() => onEdge((edge.data!.edge).id)}>
                  <path className="react-flow__edge-path" d={path} fill="none" />
                  <path className="react-flow__edge-interaction" d={path} fill="none" strokeOpacity={0} strokeWidth={EDGE_HIT_WIDTH} />
                  <AccessEdgeLabel text={text} box={box} />
                </g>
              );
            })}
          </svg>
        );
      })}
    </ViewportPortal>
  );
}
