import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShareFlowEdge } from './share-flow';

/**
 * A RAM share edge: React Flow's bezier between the owner's and the principal's handles, with its label at the spot
 * share-flow chose (covering no card and no other label) rather than at the curve's middle.
 */
export const ShareEdge = memo(function ShareEdge(props: EdgeProps<ShareFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, labelStyle, style, markerEnd, interactionWidth, data } = props;
  const [path, middleX, middleY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <BaseEdge
      id={id}
      path={path}
      style={style}
      markerEnd={markerEnd}
      interactionWidth={interactionWidth}
      label={label}
      labelStyle={labelStyle}
      labelX={data?.labelX ?? middleX}
      labelY={data?.labelY ?? middleY}
      labelShowBg
      labelBgPadding={[5, 2]}
      labelBgBorderRadius={3}
    />
  );
});
