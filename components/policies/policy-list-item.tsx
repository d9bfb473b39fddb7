'use client';
import { memo } from 'react';
import type { PolicySummary } from '@/server/schemas/policy-library';
import { startPolicyDrag } from './policy-drag';

/**
 * One policy in the library: opens the editor on click, and can be dragged onto a node to attach it. Memoised: a
 * refetched library keeps unchanged policies as the same objects (react-query's structural sharing).
 */
export const PolicyListItem = memo(function PolicyListItem({ policy, onOpen }: { policy: PolicySummary; onOpen: (policy: PolicySummary) => void }) {
  const count = policy.targetCount;
  // The library lists no targets (FullAWSAccess has thousands): the editor names them when the policy is opened.
  const where = count === 0 ? 'Not attached' : `Attached to ${count}: open it to see where`;
  return (
    <li
      className="policy-item"
      draggable
      onDragStart={(event) => startPolicyDrag(event, { id: policy.id, name: policy.name, type: policy.type })}
      data-policy-id={policy.id}
    >
      <button
        type="button"
        className="policy-item__button"
        onClick={() => onOpen(policy)}
        aria-label={`${policy.name}${policy.awsManaged ? ', managed by AWS' : ''}, ${count === 0 ? 'not attached' : `attached to ${count}`}. Open in the editor; drag onto a node to attach.`}
      >
        <span className="policy-item__grip" aria-hidden="true">⋮⋮</span>
        <span className="policy-item__name" title={policy.name}>{policy.name}</span>
        {policy.awsManaged ? <span className="aws-managed-badge" title="Managed by AWS">AWS</span> : null}
        <span className={`policy-item__count${count === 0 ? ' policy-item__count--none' : ''}`} title={where}>
          {count}
        </span>
      </button>
    </li>
  );
});
