'use client';
import { useEditorStore } from '../editor/store/editor-store-provider';
import { findOrgNode } from '../editor/org-tree-queries';

/** The right panel: details of the selected root, OU or account. */
export function InspectorPanel() {
  const selectedId = useEditorStore((state) => state.selectedId);
  const tree = useEditorStore((state) => state.tree);
  const node = tree && selectedId ? findOrgNode(tree, selectedId) : null;

  if (!node) {
    return (
      <section className="side-panel" aria-labelledby="inspector-heading">
        <h2 id="inspector-heading" className="side-panel__title">Details</h2>
        <p className="empty-state">Select a root, OU or account on the canvas to see its details.</p>
      </section>
    );
  }
  return (
    <section className="side-panel" aria-labelledby="inspector-heading">
      <h2 id="inspector-heading" className="side-panel__title">{node.name}</h2>
      <dl className="detail-list">
        <dt>Kind</dt>
        <dd>{node.kind === 'root' ? 'Root' : node.kind === 'ou' ? 'Organizational unit' : node.isManagement ? 'Management account' : 'Account'}</dd>
        <dt>Id</dt>
        <dd className="mono">{node.awsId}</dd>
      </dl>
    </section>
  );
}
