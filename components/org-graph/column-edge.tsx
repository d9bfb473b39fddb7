import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { COLUMN_INDENT, LAYER_GAP } from './layout';
import type { OrgFlowEdge } from './to-flow';

/**
 * The connector of an account in its parent's columns (see `layout`): down from the parent to the bus halfway to
 * the children, along it to the column's spine, down the spine and right into the card. Every segment is
 * horizontal or vertical, and the accounts of one column share one spine. Columns in a wrapped row take the
 * trunk down to their row's bus first (see WrappedRowEdge).
 */
export const ColumnEdge = memo(function ColumnEdge({ id, sourceX, sourceY, targetX, targetY, style, markerEnd, interactionWidth, data }: EdgeProps<OrgFlowEdge>) {
  const spineX = targetX - COLUMN_INDENT / 2;
  const path = `${pathToRowBus(sourceX, sourceY, data)} H ${spineX} V ${targetY} H ${targetX}`;
  return <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />;
});

/**
 * The connector of a child OU in a wrapped row after the first (see `layout`): down to the first row's bus, left
 * along it to the trunk, down the trunk to its own row's bus, along that bus and down into the card's top.
 */
export const WrappedRowEdge = memo(function WrappedRowEdge({ id, sourceX, sourceY, targetX, targetY, style, markerEnd, interactionWidth, data }: EdgeProps<OrgFlowEdge>) {
  const path = `${pathToRowBus(sourceX, sourceY, data)} H ${targetX} V ${targetY}`;
  return <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />;
});

/** From the parent's bottom centre to its children's bus: the first row's, or (wrapped) by the trunk to the row's own. */
function pathToRowBus(sourceX: number, sourceY: number, data: OrgFlowEdge['data']): string {
  const firstBusY = sourceY + LAYER_GAP / 2;
  if (data?.trunkDx === undefined || data.busDy === undefined) return `M ${sourceX},${sourceY} V ${firstBusY}`;
  return `M ${sourceX},${sourceY} V ${firstBusY} H ${sourceX + data.trunkDx} V ${sourceY + data.busDy}`;
}
