import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameCard } from './same-card';
import { HANDLE, type RootFlowNode } from '../to-flow';
import { FoldToggle } from './fold-toggle';
import { PolicyBadges } from './policy-badges';

/** The organization root: the top of the tree, drawn darker than the OUs below it. */
export const RootNode = memo(function RootNode({ id, data }: NodeProps<RootFlowNode>) {
  return (
    <div className="org-node org-node--root">
      <div className="org-node__header">
        <span className="org-node__kind">Root</span>
        <span className="org-node__id">{data.root.awsId}</span>
      </div>
      <div className="org-node__name">{data.root.name}</div>
      <div className="org-node__footer">
        <PolicyBadges counts={data.root.policyCounts} policies={data.root.attachedPolicies} />
        <FoldToggle id={id} name={data.root.name} data={data} />
      </div>
      <Handle id={HANDLE.children} type="source" position={Position.Bottom} isConnectable={false} />
      {/* End of RAM share edges (components/ram/share-flow.ts): drawn from the side, never like a tree edge. */}
      <Handle id={HANDLE.shareIn} type="target" position={Position.Right} isConnectable={false} className="org-node__share-handle" />
    </div>
  );
}, sameCard);
