// Dragging a policy from the library onto a node: the HTML5 drag data the library writes and the canvas reads.
import type { DragEvent } from 'react';

/** The drag data type of a policy (a custom type, so text drops elsewhere are not mistaken for policies). */
export const POLICY_DRAG_MIME = 'application/x-lzsim-policy';

/** What a dragged policy carries. */
export interface DraggedPolicy {
  id: string;
  name: string;
  type: string;
}

/** Starts dragging a policy: writes its id, name and type, and a plain-text fallback for other drop targets. */
export function startPolicyDrag(event: DragEvent, policy: DraggedPolicy): void {
  event.dataTransfer.setData(POLICY_DRAG_MIME, JSON.stringify(policy));
  event.dataTransfer.setData('text/plain', policy.name);
  event.dataTransfer.effectAllowed = 'link';
}

/** True while the drag carries a policy (the data itself is only readable on drop). */
export function isPolicyDrag(dataTransfer: DataTransfer): boolean {
  return Array.from(dataTransfer.types).includes(POLICY_DRAG_MIME);
}

/** The policy a drop carries, or null when the drop is something else or its data is malformed. */
export function readDraggedPolicy(dataTransfer: DataTransfer): DraggedPolicy | null {
  const raw = dataTransfer.getData(POLICY_DRAG_MIME);
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { id, name, type } = value as Record<string, unknown>;
    return typeof id === 'string' && typeof name === 'string' && typeof type === 'string' ? { id, name, type } : null;
  } catch {
    return null;
  }
}

/** The graph node under a drop: React Flow marks each node element with data-id. */
export function nodeIdAt(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
}
