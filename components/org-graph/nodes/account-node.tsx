import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { sameCard } from './same-card';
import { DECISION_LABEL, HANDLE, type AccountFlowNode } from '../to-flow';
import { PinMarker } from './pin-marker';
import { PolicyBadges } from './policy-badges';


/** A member account; the management account is marked, since SCPs and RCPs never restrict it. */
export const AccountNode = memo(function AccountNode({ id, data }: NodeProps<AccountFlowNode>) {
  const { account, decision, share } = data;
  const classes = ['org-node', 'org-node--account'];
  if (account.isManagement) classes.push('org-node--management');
  if (account.status !== 'ACTIVE') classes.push('org-node--inactive');
  if (decision) classes.push(`org-node--${decision.decision}`);
  return (
    <div
      className={classes.join(' ')}
    >
      <Handle id={HANDLE.parent} type="target" position={Position.Top} isConnectable={false} />
      <Handle id={HANDLE.side} type="target" position={Position.Left} isConnectable={false} />
      {/* Ends of the access overlay's edges (components/access/use-access-overlay.ts): who can assume into whom. */}
      <Handle id="access-out" type="source" position={Position.Right} isConnectable={false} className="org-node__access-handle" />
      <Handle id="access-in" type="target" position={Position.Right} isConnectable={false} className="org-node__access-handle" />
      {/* Ends of RAM share edges (components/ram/share-flow.ts): owner → recipients, from the side. */}
      <Handle id={HANDLE.shareOut} type="source" position={Position.Right} isConnectable={false} className="org-node__share-handle" />
      <Handle id={HANDLE.shareIn} type="target" position={Position.Right} isConnectable={false} className="org-node__share-handle" />
      <div className="org-node__header">
        <span className="org-node__kind">{account.isManagement ? 'Management' : 'Account'}</span>
        <span className="org-node__id">{account.accountId}</span>
        {data.pinned ? <PinMarker id={id} name={account.name} /> : null}
      </div>
      <div className="org-node__name" title={account.name}>{account.name}</div>
      {decision ? (
        <div className={`org-node__decision decision-chip decision-chip--${decision.decision}`} title={decision.summary}>
          {DECISION_LABEL[decision.decision]}
        </div>
      ) : share ? (
        <div className="org-node__share" style={{ background: share.background }} title={share.title}>{share.text}</div>
      ) : account.status !== 'ACTIVE' ? (
        <div className="org-node__detail org-node__status">{account.status.replaceAll('_', ' ').toLowerCase()}</div>
      ) : account.email ? (
        <div className="org-node__detail" title={account.email}>
          {account.email}
        </div>
      ) : null}
      <PolicyBadges counts={account.policyCounts} policies={account.attachedPolicies} landingZoneServices={account.landingZoneServices} />
    </div>
  );
}, sameCard);
