'use client';
import { useOrgTree } from '../editor-base/use-org-tree';
import { useEffect, useRef } from 'react';
import { commandsFor, type NodeCommand } from './node-commands';
import { findOrgNode, ouDepthOf } from '../editor-base/org-tree-queries';
import { useMaxOuDepth } from './use-max-ou-depth';
import { useEditorStore, useEditorStoreApi } from '../editor-base/editor-store-provider';

/** Runs a command from the menu or toolbar against the store. */
export function runNodeCommand(store: ReturnType<typeof useEditorStoreApi>, nodeId: string, command: NodeCommand) {
  const state = store.getState();
  state.openContextMenu(null);
  if ('dialog' in command.run) state.openDialog(command.run.dialog);
  else if ('fold' in command.run) state.setFolded(nodeId, command.run.fold);
  else if ('exportSubtree' in command.run) state.requestSubtreeExport(nodeId);
  else state.select(nodeId);
}

/** The right-click menu of a node (also Shift-F10 or the context-menu key on a focused card). */
export function NodeContextMenu({ foldedOf }: { foldedOf: (id: string) => boolean | null }) {
  const store = useEditorStoreApi();
  const menu = useEditorStore((state) => state.contextMenu);
  const tree = useOrgTree()?.tree ?? null;
  const maxOuDepth = useMaxOuDepth();
  const readOnly = useEditorStore((state) => state.readOnly);
  const ref = useRef<HTMLDivElement>(null);
  const node = menu && tree ? findOrgNode(tree, menu.id) : null;

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) store.getState().openContextMenu(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [menu, store]);

  if (!menu || !node) return null;
  // A read-only editor keeps what only changes the view (fold, details).
  const commands = commandsFor(node, foldedOf(node.id), tree ? { ouDepth: ouDepthOf(tree, node.id), maxOuDepth } : undefined).filter(
    (command) => !readOnly || !('dialog' in command.run),
  );
  const returnFocus = () => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(node.id)}"]`)?.focus();

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={`Actions for ${node.name}`}
      className="context-menu"
      style={{ left: Math.min(menu.x, window.innerWidth - 240), top: Math.min(menu.y, window.innerHeight - 40 * commands.length - 40) }}
      onKeyDown={(event) => {
        const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
        const index = items.indexOf(document.activeElement as HTMLButtonElement);
        if (event.key === 'Escape') {
          store.getState().openContextMenu(null);
          returnFocus();
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const next = (index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
          items[next]?.focus();
        }
      }}
    >
      <div className="context-menu__heading">{node.name}</div>
      {commands.map((command) => (
        <button
          key={command.id}
          type="button"
          role="menuitem"
          className={`context-menu__item${command.danger ? ' context-menu__item--danger' : ''}`}
          disabled={command.disabledReason !== undefined}
          title={command.disabledReason}
          onClick={() => runNodeCommand(store, node.id, command)}
        >
          <span>{command.label}</span>
          {command.shortcut ? <kbd>{command.shortcut}</kbd> : null}
        </button>
      ))}
    </div>
  );
}
