'use client';
import { memo } from 'react';
import { useOrgTree } from '../editor-base/use-org-tree';
import { TracePanel } from '../effective/trace-panel';
import { findOrgNode, type OrgNodeSummary } from '../editor-base/org-tree-queries';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { AccountPanel } from './account-panel';
import { isOutsideAccountSelection } from '../editor-base/outside-account';
import { RootPolicyTypes } from '../quotas/root-policy-types';
import { AttachedPolicies } from './attached-policies';
import '../policies/policies.css';
import './inspector.css';

const KIND_LABEL = (node: OrgNodeSummary) =>
  node.kind === 'root' ? 'Root' : node.kind === 'ou' ? 'Organizational unit' : node.isManagement ? 'Management account' : 'Account';

/**
 * The right panel. In the effective view it starts with the trace of the selected account (components/effective);
 * then the selected node's details: its attached policies (attach, detach) and, for an account, its IAM users and
 * roles, who can assume each role, and its effective tag, backup and AI opt-out policies.
 */
export function InspectorPanel() {
  const selectedId = useEditorStore((state) => state.selectedId);
  const tree = useOrgTree()?.tree ?? null;
  const mode = useEditorStore((state) => state.mode);
  const node = tree && selectedId ? findOrgNode(tree, selectedId) : null;
  const hasOrganization = tree?.root != null;

  return (
    <div className="inspector">
      {mode === 'effective' ? <TracePanel /> : null}
      {node ? (
        <NodeDetails node={node} hasOrganization={hasOrganization} />
      ) : selectedId && isOutsideAccountSelection(selectedId) ? (
        <section className="side-panel inspector__node" aria-labelledby="inspector-heading">
          <header className="inspector__head">
            <span className="inspector__kind inspector__kind--account">Account outside the organization</span>
            <h2 id="inspector-heading" className="side-panel__title inspector__title">{selectedId}</h2>
          </header>
          <AccountPanel
            key={selectedId}
            accountId={selectedId}
            hasOrganization={hasOrganization}
            attachedPolicies={(
              <p className="inspector__note">
                {hasOrganization
                  ? 'Outside the organization: none of its SCPs or RCPs applies to this account, whose principals reach in only where a trust or resource policy lets them.'
                  : 'In no organization: no SCP or RCP applies to it.'}
              </p>
            )}
          />
        </section>
      ) : mode === 'effective' ? null : (
        <section className="side-panel" aria-labelledby="inspector-heading">
          <h2 id="inspector-heading" className="side-panel__title">Details</h2>
          <p className="empty-state">
            Select a root, OU or account on the canvas to see its policies; select an account to see its IAM users, roles and
            effective policies.
          </p>
        </section>
      )}
    </div>
  );
}

/** Whether two summaries of the selected node show the same: its parent is not shown, so a move changes nothing here. */
const showsTheSame = (a: { node: OrgNodeSummary; hasOrganization: boolean }, b: { node: OrgNodeSummary; hasOrganization: boolean }) =>
  a.hasOrganization === b.hasOrganization && a.node.id === b.node.id && a.node.awsId === b.node.awsId && a.node.name === b.node.name &&
  a.node.kind === b.node.kind && a.node.isManagement === b.node.isManagement;

/**
 * The selected node's details. Memoised on what it shows: every move gives the panel a new tree, and in bench:ui's
 * traces re-rendering the selected account's whole panel (IAM, policies, effective policies) after a move of that
 * account took two tasks of about 55 ms, though nothing it shows had changed (its queries refresh it when they do).
 */
const NodeDetails = memo(function NodeDetails({ node, hasOrganization }: { node: OrgNodeSummary; hasOrganization: boolean }) {
  return (
    <section className="side-panel inspector__node" aria-labelledby="inspector-heading">
      <header className="inspector__head">
        <span className={`inspector__kind inspector__kind--${node.isManagement ? 'management' : node.kind}`}>{KIND_LABEL(node)}</span>
        <h2 id="inspector-heading" className="side-panel__title inspector__title">{node.name}</h2>
        <span className="mono muted">{node.awsId}</span>
      </header>
      {node.isManagement ? (
        <p className="inspector__note">SCPs and RCPs never restrict the management account; attach them to OUs and member accounts instead.</p>
      ) : null}
      {node.kind === 'account' ? (
        <AccountPanel key={node.id} accountId={node.awsId} hasOrganization={hasOrganization} attachedPolicies={<AttachedPolicies node={node} />} />
      ) : (
        <AttachedPolicies node={node} />
      )}
      {node.kind === 'root' ? <RootPolicyTypes /> : null}
    </section>
  );
}, showsTheSame);
