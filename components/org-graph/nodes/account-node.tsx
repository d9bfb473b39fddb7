import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { HANDLE, type AccountFlowNode } from '../to-flow';
import { PolicyBadges } from './policy-badges';

/** A member account; the management account is marked, since SCPs and RCPs never restrict it. */
export const AccountNode = memo(function AccountNode({ data }: NodeProps<AccountFlowNode>) {
  const { account } = data;
  return (
    <div
      className={`org-node org-node--account${account.isManagement ? ' org-node--management' : ''}${account.status === 'ACTIVE' ? '' : ' org-node--inactive'}`}
      role="group"
      aria-label={`${account.isManagement ? 'Management account' : 'Account'} ${account.name} (${account.accountId})`}
    >
      <Handle id={HANDLE.parent} type="target" position={Position.Top} isConnectable={false} />
      <Handle id={HANDLE.side} type="target" position={Position.Left} isConnectable={false} />
      <div className="org-node__header">
        <span className="org-node__kind">{account.isManagement ? 'Management' : 'Account'}</span>
        <span className="org-node__id">{account.accountId}</span>
      </div>
      <div className="org-node__name" title={account.name}>{account.name}</div>
      {account.status !== 'ACTIVE' ? (
        <div className="org-node__detail org-node__status">{account.status.replaceAll('_', ' ').toLowerCase()}</div>
      ) : account.email ? (
        <div className="org-node__detail" title={account.email}>
          {account.email}
        </div>
      ) : null}
      <PolicyBadges counts={account.policyCounts} />
    </div>
  );
});
