'use client';
import { useMemo } from 'react';
import { useOrgTree } from '../editor-base/use-org-tree';
import { deepestOuLevel, foldToLevel } from './fold-levels';
import { commandsFor } from './node-commands';
import { runNodeCommand } from './node-context-menu';
import { findOrgNode, ouDepthOf } from '../editor-base/org-tree-queries';
import { useMaxOuDepth } from './use-max-ou-depth';
import { useEditorStore, useEditorStoreApi } from '../editor-base/editor-store-provider';

/** What the toolbar needs from the canvas. */
interface CanvasToolbarProps {
  foldedOf: (id: string) => boolean | null;
  /** How many cards the user placed by hand. */
  pinnedCount: number;
  /** Gives every pinned card back to the automatic layout. */
  onRelayout: () => void;
}

/** Edit buttons over the canvas, acting on the selected node (the root when nothing is selected). */
export function CanvasToolbar({ foldedOf, pinnedCount, onRelayout }: CanvasToolbarProps) {
  const store = useEditorStoreApi();
  const tree = useOrgTree()?.tree ?? null;
  const selectedId = useEditorStore((state) => state.selectedId);
  const maxOuDepth = useMaxOuDepth();
  const readOnly = useEditorStore((state) => state.readOnly);
  // Once per tree: it walks every OU, and the toolbar is drawn again with each change of the canvas.
  const deepestLevel = useMemo(() => (tree ? deepestOuLevel(tree) : 0), [tree]);
  if (!tree?.root || readOnly) return null;
  const node = (selectedId ? findOrgNode(tree, selectedId) : null) ?? findOrgNode(tree, tree.root.id);
  if (!node) return null;
  const target = node.kind === 'account' ? findOrgNode(tree, node.parentId ?? tree.root.id) : node;
  if (!target) return null;
  const create = commandsFor(target, null, { ouDepth: ouDepthOf(tree, target.id), maxOuDepth }).filter((command) => command.id === 'new-ou' || command.id === 'new-account');
  const own = commandsFor(node, foldedOf(node.id)).filter((command) => ['rename', 'delete', 'remove', 'fold'].includes(command.id));
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label={`Edit ${node.name}`}>
      <span className="canvas-toolbar__target" title="The selected node: click a card to choose another">
        {node.kind === 'root' ? 'Root' : node.kind === 'ou' ? 'OU' : 'Account'} · <strong>{node.name}</strong>
      </span>
      {create.map((command) => (
        <button key={command.id} type="button" className="toolbar-button" disabled={command.disabledReason !== undefined}
          title={command.disabledReason} onClick={() => runNodeCommand(store, target.id, command)}>
          {command.id === 'new-ou' ? '+ OU' : '+ Account'}
        </button>
      ))}
      <button type="button" className="toolbar-button" onClick={() => store.getState().openDialog({ kind: 'inviteAccount' })}>
        Invite
      </button>
      <select
        className="toolbar-button canvas-toolbar__levels"
        aria-label="Show levels"
        title="Expand every OU, or fold the tree below a level"
        value=""
        onChange={(event) => {
          const choice = event.target.value;
          event.target.value = '';
          if (choice) store.getState().setFoldChoices(foldToLevel(tree, choice === 'all' ? Infinity : Number(choice)));
        }}
      >
        <option value="">Levels…</option>
        <option value="all">Expand all</option>
        {Array.from({ length: deepestLevel + 1 }, (_, level) => (
          <option key={level} value={String(level)}>{level === 0 ? 'Root only' : `Down to level ${level}`}</option>
        ))}
      </select>
      {pinnedCount > 0 ? (
        <button type="button" className="toolbar-button" onClick={onRelayout}
          title={`${pinnedCount === 1 ? 'One card is' : `${pinnedCount} cards are`} placed by hand: return every card to the automatic layout`}>
          Re-layout
        </button>
      ) : null}
      {own.map((command) => (
        <button
          key={command.id}
          type="button"
          className={`toolbar-button${command.danger ? ' toolbar-button--danger' : ''}`}
          onClick={() => runNodeCommand(store, node.id, command)}
        >
          {command.id === 'rename' ? 'Rename' : command.id === 'fold' ? command.label : command.id === 'delete' ? 'Delete' : 'Remove'}
        </button>
      ))}
    </div>
  );
}
