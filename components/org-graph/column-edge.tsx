import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { COLUMN_INDENT, LAYER_GAP } from './layout';
import type { OrgFlowEdge } from './to-flow';

/**
 * The connector of an account in its parent's columns (see `layout`): down from the parent to the bus halfway to
 * the children, along it to the column's spine, down the spine and right into the card. Every segment is
 * horizontal or vertical, and the accounts of one column share one spine.
 */
export const ColumnEdge = memo(function ColumnEdge({ id, sourceX, sourceY, targetX, targetY, style, markerEnd, interactionWidth }: EdgeProps<OrgFlowEdge>) {
  const busY = sourceY + LAYER_GAP / 2;
  const spineX = targetX - COLUMN_INDENT / 2;
  const path = `M ${sourceX},${sourceY} V ${busY} H ${spineX} V ${targetY} H ${targetX}`;
  return <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />;
});
