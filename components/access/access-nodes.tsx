'use client';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { GroupFlowNode, PrincipalFlowNode } from './access-flow';

const KIND_LABEL: Record<string, string> = {
  user: 'user', role: 'role', 'external-account': 'outside account', 'external-principal': 'outside principal',
  anyone: 'anyone', service: 'AWS service', federated: 'identity provider',
  'identity-center-user': 'Identity Center user', 'identity-center-group': 'Identity Center group', 'permission-set': 'permission set',
};

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

/** An OU or account box; a folded account shows how many principals it hides. */
function GroupNode({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className={`access-group access-group--${data.kind}${data.folded ? ' access-group--folded' : ''}`} aria-label={`${data.kind === 'ou' ? 'OU' : 'Account'} ${data.label}`}>
      {data.folded ? <Handle type="target" position={Position.Left} /> : null}
      <span className="access-group__label">{data.label}</span>
      {data.folded ? <span className="access-group__count">{data.count} principals (folded)</span> : null}
      {data.folded ? <Handle type="source" position={Position.Right} /> : null}
    </div>
  );
}

/** Node components of the access view, declared once at module scope. */
export const accessNodeTypes: NodeTypes = { principal: PrincipalNode, group: GroupNode };
