import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { HANDLE, type OuFlowNode } from '../to-flow';
import { PolicyBadges } from './policy-badges';

/** An organizational unit. */
export const OuNode = memo(function OuNode({ data }: NodeProps<OuFlowNode>) {
  return (
    <div className="org-node org-node--ou" role="group" aria-label={`Organizational unit ${data.ou.name}`}>
      <Handle id={HANDLE.parent} type="target" position={Position.Top} isConnectable={false} />
      <div className="org-node__header">
        <span className="org-node__kind">OU · level {data.depth}</span>
        <span className="org-node__id" title={data.ou.awsId}>{data.ou.awsId}</span>
      </div>
      <div className="org-node__name" title={data.ou.name}>{data.ou.name}</div>
      <PolicyBadges counts={data.ou.policyCounts} />
      <Handle id={HANDLE.children} type="source" position={Position.Bottom} isConnectable={false} />
      <Handle id={HANDLE.stack} type="source" position={Position.Bottom} className="handle--stack" isConnectable={false} />
    </div>
  );
});
