'use client';
import { useCallback, useEffect, useState } from 'react';
import { describeApiError } from '../editor-base/api-error';
import { effectiveCollapsed } from '../editor-base/collapse-defaults';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useOrgTreeReader } from '../editor-base/use-org-tree';
import { slicePause, toDrawio, toMermaid, toPdf, toSvg, toSvgSliced } from '../org-graph/export';
import { findOrgNode } from '../editor-base/org-tree-queries';
import { useTRPCClient } from '../trpc/client';
import { shareOverlay } from '../ram/share-flow';
import { downloadFile } from './download';
import { exportFileName, exportModel, exportTitle, laidOutExportFlow, type ExportScope } from './export-diagram';
import { svgToPngTiles } from './rasterize-svg';

/** The formats the menu offers. */
export type ExportFormat = 'png' | 'svg' | 'pdf' | 'drawio' | 'mermaid' | 'bundle' | 'terraform' | 'cloudformation';

/** Where an export stands, for the menu's status line. */
export type ExportStatus = { state: 'idle' } | { state: 'working'; format: ExportFormat } | { state: 'done'; fileName: string } | { state: 'error'; message: string };

/**
 * Runs one export and downloads its file. Diagrams are built from the store's org tree with the canvas's own
 * layout; "current view" keeps folded subtrees folded; colours come from the effective view's decisions.
 */
export function useExport() {
  const store = useEditorStoreApi();
  const readTree = useOrgTreeReader();
  const client = useTRPCClient();
  const [status, setStatus] = useState<ExportStatus>({ state: 'idle' });
  // "Saved …" is a confirmation, not a state to keep: it fades after a few seconds (errors stay until the next try).
  useEffect(() => {
    if (status.state !== 'done') return;
    const timer = setTimeout(() => setStatus({ state: 'idle' }), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  const run = useCallback(async (format: ExportFormat, scope: ExportScope, options: { shareEdges?: boolean; policyNames?: boolean } = {}) => {
    setStatus({ state: 'working', format });
    try {
      const state = store.getState();
      if (format === 'bundle' || format === 'terraform' || format === 'cloudformation') {
        const bundle = await client.interchange.export.query({ designId: state.designId, format });
        downloadFile(bundle.fileName, bundle.content, 'application/json');
        setStatus({ state: 'done', fileName: bundle.fileName });
        return;
      }
      const tree = readTree();
      if (!tree?.root) throw new Error('The organization is not loaded yet: wait for the canvas, then export.');
      const collapsed = effectiveCollapsed(tree, { collapsed: state.collapsed, expanded: state.expanded });
      const subtree = typeof scope === 'object' ? findOrgNode(tree, scope.subtree) : null;
      if (typeof scope === 'object' && !subtree) throw new Error('That OU is no longer in the design: nothing to export.');
      // The work runs in slices of about 40 ms: a 6,001-card export takes about a second and must not freeze the page.
      const pause = slicePause(40);
      let flow = await laidOutExportFlow(tree, scope, collapsed, { policyNames: options.policyNames, pause });
      if (options.shareEdges) {
        // RAM share edges, as the canvas draws them: the shares and the engine's SCP verdicts, over the laid-out tree.
        const [overview, stops] = await Promise.all([client.ram.overview.query({ designId: state.designId }), client.ram.shareScpStops.query({ designId: state.designId })]);
        const overlay = shareOverlay(tree, flow.nodes, overview.shares, stops.shares);
        flow = { nodes: [...flow.nodes, ...overlay.nodes], edges: [...flow.edges, ...overlay.edges] };
      }
      const heading = exportTitle(state.designName, state.decisions);
      const title = subtree ? `${heading} · ${subtree.kind === 'ou' ? 'OU ' : ''}${subtree.name} and everything under it` : heading;
      await pause();
      const model = exportModel(flow, { title, decisions: state.decisions, policyNames: options.policyNames });
      await pause();
      const nameOf = (extension: string) => exportFileName(state.designName, scope, extension, subtree?.name);
      let fileName: string;
      if (format === 'png') {
        // Drawn from the SVG export (never from the screen): the canvas keeps its zoom, the picture holds every
        // card at one unit per pixel or more, and a picture too big for one bitmap comes as tiles.
        const tiles = await svgToPngTiles(toSvg(model));
        const base = nameOf('png').replace(/\.png$/, '');
        for (const tile of tiles) {
          downloadFile(tiles.length === 1 ? `${base}.png` : `${base}-row-${tile.row}-col-${tile.column}.png`, tile.blob, 'image/png');
        }
        fileName = tiles.length === 1 ? `${base}.png` : `${base}-row-…-col-….png (${tiles.length} tiles)`;
      } else if (format === 'svg') {
        fileName = nameOf('svg');
        downloadFile(fileName, new Blob(await toSvgSliced(model, { pause }) as BlobPart[], { type: 'image/svg+xml' }), 'image/svg+xml');
      } else if (format === 'pdf') {
        fileName = nameOf('pdf');
        downloadFile(fileName, new Blob([(await toPdf(model, { pause })) as BlobPart], { type: 'application/pdf' }), 'application/pdf');
      } else if (format === 'drawio') {
        fileName = nameOf('drawio');
        downloadFile(fileName, toDrawio(model), 'application/vnd.jgraph.mxfile');
      } else {
        fileName = nameOf('mmd');
        downloadFile(fileName, toMermaid(model), 'text/vnd.mermaid');
      }
      setStatus({ state: 'done', fileName });
    } catch (error) {
      setStatus({ state: 'error', message: describeApiError(error).message });
    }
  }, [client, readTree, store]);

  return { status, run };
}
