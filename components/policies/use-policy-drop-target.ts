'use client';
import { useCallback, useRef, type DragEvent } from 'react';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { isPolicyDrag, nodeIdAt, readDraggedPolicy } from './policy-drag';
import { usePolicyAttachment } from './use-policy-attachment';

const HOVER_CLASS = 'is-policy-drop-target';

/**
 * Drop handlers for the canvas: a policy dragged from the library and dropped on a node is attached to it.
 * Spread the result on the element that contains the React Flow graph. The hovered node is outlined by a class
 * on its element (React Flow owns node elements; re-rendering the graph for a hover would be wasteful). A read-only
 * editor (viewer, share link) accepts no drop, so the pointer says "no" instead of a refusal after the drop.
 */
export function usePolicyDropTarget() {
  const { attach } = usePolicyAttachment();
  const readOnly = useEditorStore((state) => state.readOnly);
  const hovered = useRef<Element | null>(null);

  const setHovered = (element: Element | null) => {
    if (hovered.current === element) return;
    hovered.current?.classList.remove(HOVER_CLASS);
    element?.classList.add(HOVER_CLASS);
    hovered.current = element;
  };

  const onDragOver = useCallback((event: DragEvent) => {
    if (readOnly || !isPolicyDrag(event.dataTransfer)) return;
    const nodeId = nodeIdAt(event.target);
    setHovered(nodeId && event.target instanceof Element ? event.target.closest('.react-flow__node') : null);
    if (!nodeId) return;
    event.preventDefault(); // accept the drop only over a node
    event.dataTransfer.dropEffect = 'link';
  }, [readOnly]);

  const onDragLeave = useCallback((event: DragEvent) => {
    if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget)) setHovered(null);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      setHovered(null);
      const policy = readDraggedPolicy(event.dataTransfer);
      const nodeId = nodeIdAt(event.target);
      if (readOnly || !policy || !nodeId) return;
      event.preventDefault();
      void attach(policy, nodeId);
    },
    [attach, readOnly],
  );

  return { onDragOver, onDragLeave, onDrop };
}
