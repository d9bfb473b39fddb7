'use client';
import { BaseEdge, Handle, Position, getBezierPath, type EdgeProps, type EdgeTypes, type NodeProps, type NodeTypes } from '@xyflow/react';
import { createContext, useContext } from 'react';
import { labelBox, pointOnAccessEdge, type AccessFlowEdge, type GroupFlowNode, type PrincipalFlowNode } from './access-flow';
import { pointOnRoute, routePath } from './access-route';

const KIND_LABEL: Record<string, string> = {
  user: 'user', role: 'role', 'external-account': 'outside account', 'external-principal': 'outside principal',
  anyone: 'anyone', service: 'AWS service', federated: 'identity provider',
  'identity-center-user': 'Identity Center user', 'identity-center-group': 'Identity Center group', 'permission-set': 'permission set',
};

/** Folds or unfolds an account of the access view (the view provides it; the cards call it). */
export const AccessFoldContext = createContext<(accountId: string) => void>(() => {});

/** A principal or role card. */
function PrincipalNode({ data }: NodeProps<PrincipalFlowNode>) {
  const { node, highlighted } = data;
  return (
    <div className={`access-card access-card--${node.kind}${highlighted ? ' access-card--highlighted' : ''}`} title={node.id} aria-label={`${KIND_LABEL[node.kind]} ${node.name}`}>
      <Handle type="target" position={Position.Left} />
      <span className="access-card__kind">{KIND_LABEL[node.kind]}</span>
      <span className="access-card__name">{node.name}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** An OU or account box; a folded account is one card with what it hides, its edge counts and an unfold button. */
function GroupNode({ data }: NodeProps<GroupFlowNode>) {
  const toggle = useContext(AccessFoldContext);
  const name = `${data.kind === 'ou' ? 'OU' : 'Account'} ${data.label}`;
  if (data.folded && data.hidden && data.accountId) {
    const { roles, others, edgesIn, edgesOut, fromServices } = data.hidden;
    const hidden = others === 0 ? plural(roles, 'role') : plural(roles + others, 'principal');
    const accountId = data.accountId;
    return (
      <div className={`access-group access-group--${data.kind} access-group--folded`} aria-label={name} title={data.label}>
        <Handle type="target" position={Position.Left} />
        <span className="access-group__label">
          <span className="access-group__name">{data.heading?.name ?? data.label}</span>
          {data.heading?.detail ? <span className="access-group__id">{data.heading.detail}</span> : null}
        </span>
        <span className="access-group__edges" title="Assume-role edges into and out of this account (from other accounts and outside principals; AWS services counted apart, not drawn)">
          {edgesIn} in · {edgesOut} out{fromServices > 0 ? ` · ${fromServices} from services` : ''}
        </span>
        <button type="button" className="access-group__unfold nodrag" onClick={(event) => { event.stopPropagation(); toggle(accountId); }} aria-label={`Unfold ${data.label}`}>
          {hidden} hidden — unfold
        </button>
        <Handle type="source" position={Position.Right} />
      </div>
    );
  }
  return (
    <div className={`access-group access-group--${data.kind}`} aria-label={name}>
      <span className="access-group__label">
        {data.label}
        {data.kind !== 'ou' && data.accountId ? (
          <button type="button" className="access-group__fold nodrag" onClick={(event) => { event.stopPropagation(); toggle(data.accountId!); }} aria-label={`Fold ${data.label}`}>fold</button>
        ) : null}
      </span>
    </div>
  );
}

/**
 * An assume-role edge along its route around the cards (routeAccessFlow; a curve when it has none); its label sits
 * where placeEdgeLabels found room (so labels never overlap), or is left out. The label is drawn in the box
 * placeEdgeLabels reserved for it, not measured: React Flow's own edge label measures its text (getBBox) and draws
 * again, which for hundreds of labels was a long task of its own.
 */
function AccessEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, data, markerEnd, style, interactionWidth }: EdgeProps<AccessFlowEdge>) {
  const route = data?.route;
  const path = route ? routePath(route) : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })[0];
  const text = typeof label === 'string' && !data?.labelHidden ? label : undefined;
  const box = text ? labelBox(text, route ? pointOnRoute(route, data?.labelAt ?? 0.5) : pointOnAccessEdge({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data?.labelAt ?? 0.5)) : undefined;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      <AccessEdgeLabel text={text} box={box} />
    </>
  );
}

/** An edge's label in the box placeEdgeLabels reserved for it (drawn by React Flow's edges and by RoutesBeyondCards). */
export function AccessEdgeLabel({ text, box }: { text: string | undefined; box: ReturnType<typeof labelBox> | undefined }) {
  if (!text || !box) return null;
  return (
    <g className="react-flow__edge-textwrapper" transform={`translate(${box.x} ${box.y})`}>
      <rect className="react-flow__edge-textbg" width={box.width} height={box.height} rx={3} ry={3} />
      <text className="react-flow__edge-text" x={box.width / 2} y={box.height / 2} dy="0.35em" textAnchor="middle">{text}</text>
    </g>
  );
}

/** Node components of the access view, declared once at module scope. */
export const accessNodeTypes: NodeTypes = { principal: PrincipalNode, group: GroupNode };
/** Edge components of the access view. */
export const accessEdgeTypes: EdgeTypes = { access: AccessEdge };
