// The edit commands available on a node, shared by the context menu and the canvas toolbar. Pure: no React.
import type { EditorDialog } from '../editor-base/editor-store';
import type { OrgNodeSummary } from '../editor-base/org-tree-queries';

/** One command: a label, and either a dialog to open or a fold change. */
export interface NodeCommand {
  id: string;
  label: string;
  shortcut?: string;
  danger?: boolean;
  /** Why the command cannot run here (shown as its tooltip); absent when it can. */
  disabledReason?: string;
  run: { dialog: EditorDialog } | { fold: boolean } | { select: true } | { exportSubtree: true };
}

/** Where a node stands against the OU nesting quota: its OU depth (0 for the root) and the limit in force. */
export interface OuDepthLimit {
  ouDepth: number;
  maxOuDepth: number;
}

/**
 * The commands for a node, in menu order; `folded` is null when the node has no children to fold. With `depth`,
 * "New OU here" carries the reason it is refused at the nesting limit (OU_DEPTH_LIMIT_EXCEEDED).
 */
export function commandsFor(node: OrgNodeSummary, folded: boolean | null, depth?: OuDepthLimit): NodeCommand[] {
  const commands: NodeCommand[] = [];
  if (node.kind !== 'account') {
    const tooDeep = depth && depth.ouDepth + 1 > depth.maxOuDepth
      ? `AWS allows ${depth.maxOuDepth} levels of OUs below the root and ${node.name} is at level ${depth.ouDepth}: an OU here would exceed it (OU_DEPTH_LIMIT_EXCEEDED).`
      : undefined;
    commands.push(
      { id: 'new-ou', label: 'New OU here…', disabledReason: tooDeep, run: { dialog: { kind: 'createOu', parentId: node.id } } },
      { id: 'new-account', label: 'New account here…', run: { dialog: { kind: 'createAccount', parentId: node.id } } },
    );
    if (folded !== null) commands.push({ id: 'fold', label: folded ? 'Show children' : 'Hide children', shortcut: folded ? '→' : '←', run: { fold: !folded } });
  }
  if (node.kind === 'root') commands.push({ id: 'invite', label: 'Invite an account…', run: { dialog: { kind: 'inviteAccount' } } });
  if (node.kind === 'ou') {
    commands.push(
      { id: 'rename', label: 'Rename…', shortcut: 'F2', run: { dialog: { kind: 'renameOu', ouId: node.id } } },
      { id: 'delete', label: 'Delete OU…', shortcut: 'Del', danger: true, run: { dialog: { kind: 'deleteOu', ouId: node.id } } },
      { id: 'export-subtree', label: 'Export this subtree…', run: { exportSubtree: true } },
    );
  }
  if (node.kind === 'account') {
    commands.push({ id: 'details', label: 'Show details', shortcut: 'Enter', run: { select: true } });
    commands.push({ id: 'rename', label: 'Rename…', shortcut: 'F2', run: { dialog: { kind: 'renameAccount', accountId: node.id } } });
    commands.push({ id: 'remove', label: 'Remove from organization…', shortcut: 'Del', danger: true, run: { dialog: { kind: 'removeAccount', accountId: node.id } } });
  }
  return commands;
}
