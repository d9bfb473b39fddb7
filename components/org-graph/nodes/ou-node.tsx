import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameCard } from './same-card';
import { HANDLE, type OuFlowNode } from '../to-flow';
import { FoldToggle } from './fold-toggle';
import { PinMarker } from './pin-marker';
import { PolicyBadges } from './policy-badges';

/** An organizational unit; folded OUs say how much they hide. */
export const OuNode = memo(function OuNode({ id, data }: NodeProps<OuFlowNode>) {
  return (
    <div
      className={`org-node org-node--ou${data.collapsed ? ' org-node--folded' : ''}`}
    >
      <Handle id={HANDLE.parent} type="target" position={Position.Top} isConnectable={false} />
      <div className="org-node__header">
        <span className="org-node__kind">OU · level {data.depth}</span>
        <span className="org-node__id" title={data.ou.awsId}>{data.ou.awsId}</span>
        {data.pinned ? <PinMarker id={id} name={data.ou.name} /> : null}
      </div>
      <div className="org-node__name" title={data.ou.name}>{data.ou.name}</div>
      <div className="org-node__footer">
        <PolicyBadges counts={data.ou.policyCounts} policies={data.ou.attachedPolicies} enabledControls={data.ou.enabledControlCount} />
        <FoldToggle id={id} name={data.ou.name} data={data} />
      </div>
      <Handle id={HANDLE.children} type="source" position={Position.Bottom} isConnectable={false} />
      {/* End of RAM share edges (components/ram/share-flow.ts): drawn from the side, never like a tree edge. */}
      <Handle id={HANDLE.shareIn} type="target" position={Position.Right} isConnectable={false} className="org-node__share-handle" />
    </div>
  );
}, sameCard);
