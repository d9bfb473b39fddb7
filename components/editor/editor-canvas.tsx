'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { OrgGraph } from '../org-graph/org-graph';
import { useLaidOutFlow } from '../org-graph/use-laid-out-flow';
import type { OrgTree } from '@/server/schemas/org';
import { useEditorStore } from './store/editor-store-provider';

/** The canvas: the org tree as a graph, with loading, empty and error states. */
export function EditorCanvas() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const designName = useEditorStore((state) => state.designName);
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));

  if (tree.isPending) return <CanvasMessage busy title="Loading the organization…" />;
  if (tree.isError) {
    return <CanvasMessage title="The organization could not be loaded." detail={`${tree.error.message} Reload the page to try again.`} />;
  }
  if (!tree.data.root) {
    return (
      <CanvasMessage
        title="No organization yet"
        detail="This design has no organization root. Import one (npx lzsim import) or branch the sample landing zone."
      />
    );
  }
  return <LaidOutCanvas tree={tree.data} designName={designName} />;
}

function LaidOutCanvas({ tree, designName }: { tree: OrgTree; designName: string }) {
  const laidOut = useLaidOutFlow(tree);
  if (laidOut.status === 'laying-out') return <CanvasMessage busy title="Laying out the tree…" />;
  if (laidOut.status === 'failed') return <CanvasMessage title="The tree could not be drawn." detail={laidOut.message} />;
  return <OrgGraph flow={laidOut.flow} label={`Organization tree of ${designName}`} />;
}

/** A centred loading, empty or error message on the canvas. */
export function CanvasMessage({ title, detail, busy = false }: { title: string; detail?: string; busy?: boolean }) {
  return (
    <div className="panel-message canvas-message" role={busy ? 'status' : 'alert'} aria-busy={busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <p className="panel-message__title">{title}</p>
      {detail ? <p className="panel-message__detail">{detail}</p> : null}
    </div>
  );
}
