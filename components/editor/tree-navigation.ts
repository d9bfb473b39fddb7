// Keyboard navigation of the drawn tree, as the WAI-ARIA tree pattern describes it: Up/Down walk the visible
// nodes in reading order, Right unfolds or enters, Left folds or goes to the parent. Pure: no React.

/** The drawn tree's shape: node ids and parent → child links, children in drawing order. */
export interface VisibleTree {
  nodeIds: readonly string[];
  links: readonly { source: string; target: string }[];
}

/** What a key press does: focus another node, or fold/unfold the current one. */
export type NavigationStep = { focus: string } | { fold: boolean } | null;

/** The step for a key on node `id`; `folded` is null when the node has no children to fold. */
export function navigationStep(tree: VisibleTree, id: string, key: string, folded: boolean | null): NavigationStep {
  const children = new Map<string, string[]>();
  const parent = new Map<string, string>();
  for (const link of tree.links) {
    const list = children.get(link.source);
    if (list) list.push(link.target);
    else children.set(link.source, [link.target]);
    parent.set(link.target, link.source);
  }
  const root = tree.nodeIds.find((nodeId) => !parent.has(nodeId));
  const order: string[] = [];
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    order.push(current);
    stack.push(...[...(children.get(current) ?? [])].reverse());
  }
  const index = order.indexOf(id);
  if (index < 0) return null;

  switch (key) {
    case 'ArrowDown':
      return index + 1 < order.length ? { focus: order[index + 1] } : null;
    case 'ArrowUp':
      return index > 0 ? { focus: order[index - 1] } : null;
    case 'ArrowRight':
      if (folded === true) return { fold: false };
      return children.get(id)?.length ? { focus: (children.get(id) as string[])[0] } : null;
    case 'ArrowLeft':
      if (folded === false) return { fold: true };
      return parent.has(id) ? { focus: parent.get(id) as string } : null;
    case 'Home':
      return order.length > 0 ? { focus: order[0] } : null;
    case 'End':
      return order.length > 0 ? { focus: order[order.length - 1] } : null;
    default:
      return null;
  }
}
