// Diagram export for the org graph: build a DiagramModel (fromFlow) and render it as SVG, draw.io or Mermaid.
// Pure string builders with no React or DOM, so the browser, the server and tests can all call them.
export {
  assertValidDiagram, diagramBounds, legendOf, DiagramModelError, DIAGRAM_STATUSES, STATUS_LABELS,
  type DiagramBounds, type DiagramEdge, type DiagramLegendEntry, type DiagramModel, type DiagramNode,
  type DiagramNodeKind, type DiagramStatus,
} from './diagram-model';
export { fromFlow, type FromFlowOptions } from './from-flow';
export { paletteFor, type ExportTheme } from './palette';
export { toDrawio } from './to-drawio';
export { escapeMermaidLabel, toMermaid } from './to-mermaid';
export { toSvg, toSvgSliced, type SvgExportOptions } from './to-svg';
export { noPause, slicePause, type Pause } from './pause';
export { MAX_PAGE_SIDE, MIN_SCALE, pdfPagePlan, toPdf, type PdfExportOptions, type PdfPagePlan } from './to-pdf';
export { policyLinesHeight, policyLinesOf } from './card-content';
