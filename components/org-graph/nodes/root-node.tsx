import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { HANDLE, type RootFlowNode } from '../to-flow';
import { PolicyBadges } from './policy-badges';

/** The organization root: the top of the tree, drawn darker than the OUs below it. */
export const RootNode = memo(function RootNode({ data }: NodeProps<RootFlowNode>) {
  return (
    <div className="org-node org-node--root" role="group" aria-label={`Organization root ${data.root.name}`}>
      <div className="org-node__header">
        <span className="org-node__kind">Root</span>
        <span className="org-node__id">{data.root.awsId}</span>
      </div>
      <div className="org-node__name">{data.root.name}</div>
      <PolicyBadges counts={data.root.policyCounts} />
      <Handle id={HANDLE.children} type="source" position={Position.Bottom} isConnectable={false} />
      <Handle id={HANDLE.stack} type="source" position={Position.Bottom} className="handle--stack" isConnectable={false} />
    </div>
  );
});
