import type { NodeProps } from '@xyflow/react';

/**
 * React.memo's comparison for the card components: a card draws only its id and data, so it is the same card when
 * both are the same objects (stable-nodes.ts keeps a card's data object while it draws the same). React Flow passes
 * positions, sizes, z-index and drag state too; they change for every card a move shifts, and compared as props
 * they redrew the content of each of them, though only the wrapper's transform moves.
 */
export function sameCard(previous: Pick<NodeProps, 'id' | 'data'>, next: Pick<NodeProps, 'id' | 'data'>): boolean {
  return previous.id === next.id && previous.data === next.data;
}
