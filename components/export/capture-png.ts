// PNG of the canvas as drawn: html-to-image (1.11.11: later versions drop React Flow's edges) captures React Flow's
// `.react-flow__viewport` with a transform that fits every drawn card, the selection cleared and a title and
// legend laid into the picture; everything touched is restored in `finally`.
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng } from 'html-to-image';
import type { DiagramLegendEntry } from '../org-graph/export';

/** Largest side of the image, in pixels: big enough to read, small enough for the browser's canvas limits. */
const MAX_SIDE = 4096;
const MIN_SIDE = 320;
const TITLE_SPACE = 44;
const LEGEND_SPACE = 44;

/** A captured image. */
export interface CapturedPng {
  dataUrl: string;
  width: number;
  height: number;
}

/** The cards React Flow has drawn, as nodes with their canvas positions and sizes (read from the DOM). */
function drawnNodes(viewport: HTMLElement): Node[] {
  const nodes: Node[] = [];
  for (const element of viewport.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(element.style.transform);
    if (!match) continue;
    nodes.push({
      id: element.dataset.id ?? String(nodes.length),
      position: { x: Number(match[1]), y: Number(match[2]) },
      width: element.offsetWidth,
      height: element.offsetHeight,
      data: {},
    });
  }
  return nodes;
}

/** Asks React Flow to fit the view (its own Controls button), so cards culled off screen are drawn again. */
async function fitAllIntoView(root: HTMLElement): Promise<void> {
  const fit = root.querySelector<HTMLButtonElement>('.react-flow__controls-fitview');
  if (!fit) return;
  fit.click();
  // Two frames: React Flow updates its transform, then renders the cards that became visible.
  for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** A block laid into the viewport at canvas coordinates for the capture (title or legend). */
function overlay(viewport: HTMLElement, html: { x: number; y: number; width: number; className: string; children: HTMLElement[] }): HTMLElement {
  const element = document.createElement('div');
  element.className = html.className;
  element.style.cssText = `position:absolute;left:${html.x}px;top:${html.y}px;width:${html.width}px;display:flex;gap:14px;align-items:center;flex-wrap:wrap;font:600 14px var(--font);color:var(--ink);pointer-events:none;`;
  element.append(...html.children);
  viewport.appendChild(element);
  return element;
}

function legendItem(entry: DiagramLegendEntry): HTMLElement {
  const item = document.createElement('span');
  item.style.cssText = 'display:inline-flex;gap:6px;align-items:center;font-weight:500;font-size:13px;';
  const swatch = document.createElement('span');
  swatch.className = `effective-swatch effective-swatch--${entry.status}`;
  item.append(swatch, document.createTextNode(entry.label));
  return item;
}

/**
 * Captures the drawn graph inside `root` (the canvas element) as a PNG: every drawn card fits the picture, with
 * `title` above and `legend` below. Throws when no graph is drawn.
 */
export async function captureCanvasPng(root: HTMLElement, options: { title?: string; legend: DiagramLegendEntry[]; background: string }): Promise<CapturedPng> {
  await fitAllIntoView(root);
  const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The canvas is not drawn: open the design (not the SCP matrix) and try again.');
  const nodes = drawnNodes(viewport);
  if (nodes.length === 0) throw new Error('The canvas has no cards to export.');

  const cards = getNodesBounds(nodes);
  const top = options.title ? TITLE_SPACE : 0;
  const bottom = options.legend.length > 0 ? LEGEND_SPACE : 0;
  const bounds = { x: cards.x, y: cards.y - top, width: Math.max(cards.width, 480), height: cards.height + top + bottom };
  // One canvas unit per pixel when it fits, scaled down for very large trees.
  const scale = Math.min(1, MAX_SIDE / (bounds.width * 1.1), MAX_SIDE / (bounds.height * 1.1));
  const width = Math.round(Math.max(MIN_SIDE, bounds.width * 1.1 * scale));
  const height = Math.round(Math.max(MIN_SIDE, bounds.height * 1.1 * scale));
  const transform = getViewportForBounds(bounds, width, height, 0.02, 2, 0.05);

  const added: HTMLElement[] = [];
  const unselected = [...viewport.querySelectorAll<HTMLElement>('.react-flow__node.selected')];
  try {
    for (const element of unselected) element.classList.remove('selected');
    if (options.title) {
      const text = document.createElement('span');
      text.textContent = options.title;
      added.push(overlay(viewport, { x: cards.x, y: cards.y - TITLE_SPACE + 8, width: Math.max(cards.width, 480), className: 'export-title', children: [text] }));
    }
    if (options.legend.length > 0) {
      added.push(overlay(viewport, { x: cards.x, y: cards.y + cards.height + 16, width: Math.max(cards.width, 480), className: 'export-legend', children: options.legend.map(legendItem) }));
    }
    const dataUrl = await toPng(viewport, {
      backgroundColor: options.background,
      width,
      height,
      pixelRatio: 1,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${transform.x}px, ${transform.y}px) scale(${transform.zoom})` },
      // Handles are editing affordances, not part of the picture.
      filter: (node) => !(node instanceof HTMLElement && node.classList.contains('react-flow__handle')),
    });
    return { dataUrl, width, height };
  } finally {
    for (const element of added) element.remove();
    for (const element of unselected) element.classList.add('selected');
  }
}

/** Rasterizes an SVG document (the whole-tree export) to a PNG blob, at most MAX_SIDE pixels on a side. */
export async function svgToPng(svg: string): Promise<{ blob: Blob; width: number; height: number }> {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const naturalWidth = size ? Number(size[1]) : 1200;
  const naturalHeight = size ? Number(size[2]) : 800;
  const scale = Math.min(2, MAX_SIDE / naturalWidth, MAX_SIDE / naturalHeight);
  const width = Math.max(1, Math.round(naturalWidth * scale));
  const height = Math.max(1, Math.round(naturalHeight * scale));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw to a canvas: export SVG instead.');
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the PNG: export SVG instead.');
  return { blob, width, height };
}
