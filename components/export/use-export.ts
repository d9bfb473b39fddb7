'use client';
import { useCallback, useEffect, useState } from 'react';
import { describeApiError } from '../editor-base/api-error';
import { effectiveCollapsed } from '../editor-base/collapse-defaults';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useOrgTreeReader } from '../editor-base/use-org-tree';
import { findOrgNode } from '../editor-base/org-tree-queries';
import { useTRPCClient } from '../trpc/client';
import { downloadFile } from './download';
import { exportFileName, exportTitle, type ExportScope } from './export-diagram';
import { svgToPngTiles } from './rasterize-svg';
import { runDiagramJob } from './run-diagram-job';

/** The formats the menu offers. */
export type ExportFormat = 'png' | 'svg' | 'pdf' | 'drawio' | 'mermaid' | 'bundle' | 'terraform' | 'cloudformation';

/** Where an export stands, for the menu's status line. */
export type ExportStatus = { state: 'idle' } | { state: 'working'; format: ExportFormat } | { state: 'done'; fileName: string } | { state: 'error'; message: string };

/**
 * Runs one export and downloads its file. Diagrams are built from the store's org tree with the canvas's own
 * layout, in a worker (run-diagram-job.ts); "current view" keeps folded subtrees folded; colours come from the effective view's decisions.
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
      const shares = options.shareEdges ? await Promise.all([client.ram.overview.query({ designId: state.designId }), client.ram.shareScpStops.query({ designId: state.designId })]) : undefined;
      const heading = exportTitle(state.designName, state.decisions);
      const title = subtree ? `${heading} · ${subtree.kind === 'ou' ? 'OU ' : ''}${subtree.name} and everything under it` : heading;
      // The layout and the writing run in a worker (a 6,001-card PDF is seconds of work): the page only posts this
      // plain data and receives the file.
      const written = await runDiagramJob({
        format: format === 'png' ? 'svg' : format,
        tree,
        scope,
        collapsed: [...collapsed],
        title,
        decisions: state.decisions,
        policyNames: options.policyNames,
        ...(shares ? { shares: { shares: shares[0].shares, stops: shares[1].shares } } : {}),
      });
      const nameOf = (extension: string) => exportFileName(state.designName, scope, extension, subtree?.name);
      let fileName: string;
      if (format === 'png') {
        // Drawn from the SVG export (never from the screen): the canvas keeps its zoom, the picture holds every
        // card at one unit per pixel or more, and a picture too big for one bitmap comes as tiles.
        const tiles = await svgToPngTiles(await written.text());
        const base = nameOf('png').replace(/\.png$/, '');
        for (const tile of tiles) {
          downloadFile(tiles.length === 1 ? `${base}.png` : `${base}-row-${tile.row}-col-${tile.column}.png`, tile.blob, 'image/png');
        }
        fileName = tiles.length === 1 ? `${base}.png` : `${base}-row-…-col-….png (${tiles.length} tiles)`;
      } else {
        fileName = nameOf(format === 'mermaid' ? 'mmd' : format);
        downloadFile(fileName, written, written.type);
      }
      setStatus({ state: 'done', fileName });
    } catch (error) {
      setStatus({ state: 'error', message: describeApiError(error).message });
    }
  }, [client, readTree, store]);

  return { status, run };
}
