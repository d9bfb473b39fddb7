'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { OrgGraph } from './org-graph';
import { useLaidOutFlow } from './use-laid-out-flow';
import type { OrgTree } from '@/server/schemas/org';

/** The org tree of one design: fetches it, then shows loading, empty, error or the graph. */
export function OrgGraphPanel({ designId, designName }: { designId: string; designName: string }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));

  if (tree.isPending) return <PanelMessage busy title="Loading the organization…" />;
  if (tree.isError) return <PanelMessage title="The organization could not be loaded." detail={tree.error.message} />;
  if (!tree.data.root) {
    return (
      <PanelMessage
        title="No organization yet"
        detail="This design has no organization root. Import one or start from the sample landing zone."
      />
    );
  }
  return <LaidOutGraph tree={tree.data} designName={designName} />;
}

function LaidOutGraph({ tree, designName }: { tree: OrgTree; designName: string }) {
  const laidOut = useLaidOutFlow(tree);
  if (laidOut.status === 'laying-out') return <PanelMessage busy title="Laying out the tree…" />;
  if (laidOut.status === 'failed') return <PanelMessage title="The tree could not be drawn." detail={laidOut.message} />;
  return <OrgGraph flow={laidOut.flow} label={`Organization tree of ${designName}`} />;
}

function PanelMessage({ title, detail, busy = false }: { title: string; detail?: string; busy?: boolean }) {
  return (
    <div className="panel-message" role={busy ? 'status' : 'alert'} aria-busy={busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <p className="panel-message__title">{title}</p>
      {detail ? <p className="panel-message__detail">{detail}</p> : null}
    </div>
  );
}
