// One diagram export from plain data to a file's bytes: the org tree laid out as the canvas lays it out, the RAM
// share edges over it when asked, the diagram model, then the format's writer. Pure (no DOM, no React): the export
// worker (diagram-export.worker.ts) runs it off the page's main thread, and unit tests run it in Node.
import type { OrgTree } from '@/server/schemas/org';
import type { ResourceShareView, ShareScpStops } from '@/server/schemas/ram';
import type { AccountDecision } from '../editor-base/editor-store';
import { noPause, toDrawio, toMermaid, toPdf, toSvgSliced, type Pause } from '../org-graph/export';
import { shareOverlay } from '../ram/share-flow';
import { exportModel, laidOutExportFlow, type ExportScope } from './export-diagram';

/** The diagram formats written from the model (PNG is drawn on the page from the SVG). */
export type DiagramFormat = 'svg' | 'pdf' | 'drawio' | 'mermaid';

/** Everything a diagram export needs, as plain data that a worker message can carry (structured clone). */
export interface DiagramJob {
  format: DiagramFormat;
  tree: OrgTree;
  scope: ExportScope;
  /** Ids of the subtrees folded in the current view (used when scope is 'view'). */
  collapsed: readonly string[];
  title: string;
  decisions: Readonly<Record<string, AccountDecision>>;
  policyNames?: boolean;
  /** RAM shares and the engine's SCP verdicts on them, to draw share edges over the tree. */
  shares?: { shares: readonly ResourceShareView[]; stops: ShareScpStops['shares'] };
}

/** The written file: its bytes as a Blob, typed with the format's media type. */
export const DIAGRAM_MEDIA_TYPES: Readonly<Record<DiagramFormat, string>> = {
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  drawio: 'application/vnd.jgraph.mxfile',
  mermaid: 'text/vnd.mermaid',
};

/** Lays out, models and writes one diagram. `pause` lets a caller on the main thread slice the work. */
export async function writeDiagram(job: DiagramJob, pause: Pause = noPause): Promise<Blob> {
  let flow = await laidOutExportFlow(job.tree, job.scope, new Set(job.collapsed), { policyNames: job.policyNames, pause });
  if (job.shares) {
    // RAM share edges, as the canvas draws them: the shares and the engine's SCP verdicts, over the laid-out tree.
    const overlay = shareOverlay(job.tree, flow.nodes, job.shares.shares, job.shares.stops);
    flow = { ...flow, nodes: [...flow.nodes, ...overlay.nodes], edges: [...flow.edges, ...overlay.edges] };
  }
  await pause();
  const model = exportModel(flow, { title: job.title, decisions: job.decisions, policyNames: job.policyNames });
  await pause();
  const type = DIAGRAM_MEDIA_TYPES[job.format];
  switch (job.format) {
    case 'svg':
      return new Blob((await toSvgSliced(model, { pause })) as BlobPart[], { type });
    case 'pdf':
      return new Blob([(await toPdf(model, { pause })) as BlobPart], { type });
    case 'drawio':
      return new Blob([toDrawio(model)], { type });
    case 'mermaid':
      return new Blob([toMermaid(model)], { type });
  }
}
