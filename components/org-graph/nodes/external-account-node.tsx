import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameCard } from './same-card';
import { HANDLE, type ExternalAccountFlowNode } from '../to-flow';

/** An account outside the organization that a RAM share names: drawn beside the tree, in the external colour. */
export const ExternalAccountNode = memo(function ExternalAccountNode({ data }: NodeProps<ExternalAccountFlowNode>) {
  return (
    <div className="org-node org-node--external" data-testid="ram-external-node">
      <Handle id={HANDLE.shareIn} type="target" position={Position.Left} isConnectable={false} className="org-node__share-handle" />
      <div className="org-node__header">
        <span className="org-node__kind">External account</span>
        <span className="org-node__id">{data.accountId}</span>
      </div>
      <div className="org-node__name" title={data.shares.join(', ')}>Outside the organization</div>
      <div className="org-node__detail" title={data.shares.join(', ')}>{data.shares.length === 1 ? `share ${data.shares[0]}` : `${data.shares.length} shares`}</div>
    </div>
  );
}, sameCard);
