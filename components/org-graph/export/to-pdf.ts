// A vector PDF of the diagram, written by hand (PDF 1.4, ISO 32000-1): the same sheet as the SVG export (sheet.ts,
// card-content.ts) drawn once into a form XObject, and shown on one page, or on a grid of pages when the sheet
// is bigger than a PDF page may be. Text is real text in the standard Helvetica and Courier fonts (nothing is
// embedded), so names stay sharp at any zoom and can be searched and copied. Pure: no DOM, no Node APIs.
import { cardContent, type CardText } from './card-content';
import { assertValidDiagram, type DiagramModel } from './diagram-model';
import { cardColours, paletteFor, type ExportTheme } from './palette';
import { noPause, type Pause } from './pause';
import { sheetFrame, shareCurves, treeEdgePoints, type SheetPoint, type SheetRect } from './sheet';

/** Options of toPdf. */
export interface PdfExportOptions {
  /** Colour theme; light by default. */
  theme?: ExportTheme;
  /** Compresses the drawing with Flate (CompressionStream); on by default where the runtime has it. */
  compress?: boolean;
  /** Awaited every hundred cards, so a page drawing thousands can give the browser turns (see pause.ts). */
  pause?: Pause;
}

/** Largest side of a PDF page in points: the limit of PDF 1.4 viewers (200 inches, ISO 32000-1 annex C). */
export const MAX_PAGE_SIDE = 14_400;
/**
 * The smallest scale, in points per canvas unit, the sheet is drawn at: a card's 14-unit name stays 8.4 pt, 11 px
 * on a 96-dpi screen at 100 %. A sheet that would need less is split over pages instead.
 */
export const MIN_SCALE = 0.6;

/** How the sheet goes onto pages: the scale and a grid of `columns` × `rows` pages of one size. */
export interface PdfPagePlan {
  scale: number;
  columns: number;
  rows: number;
  pageWidth: number;
  pageHeight: number;
}

/** The page plan for a sheet of `width` × `height` canvas units (pure: the tests and the writer share it). */
export function pdfPagePlan(width: number, height: number): PdfPagePlan {
  const scale = Math.max(MIN_SCALE, Math.min(1, MAX_PAGE_SIDE / width, MAX_PAGE_SIDE / height));
  const columns = Math.ceil((width * scale) / MAX_PAGE_SIDE - 1e-9);
  const rows = Math.ceil((height * scale) / MAX_PAGE_SIDE - 1e-9);
  return { scale, columns: Math.max(1, columns), rows: Math.max(1, rows), pageWidth: (width * scale) / Math.max(1, columns), pageHeight: (height * scale) / Math.max(1, rows) };
}

const ACCENT_WIDTH = 4;
const RADIUS = 8;
/** The cubic Bézier handle length that approximates a quarter circle. */
const KAPPA = 0.5523;

/** Renders the diagram as a PDF file. */
export async function toPdf(model: DiagramModel, options: PdfExportOptions = {}): Promise<Uint8Array> {
  assertValidDiagram(model);
  const palette = paletteFor(options.theme ?? 'light');
  const frame = sheetFrame(model, palette);
  const nodeById = new Map(model.nodes.map((node) => [node.id, node]));
  const draw = new Drawing();

  draw.fillRect({ x: frame.x, y: frame.y, width: frame.width, height: frame.height, radius: 0, fill: palette.background });
  if (frame.title) draw.text(frame.title);
  for (const rect of frame.legend.rects) draw.rect(rect);
  for (const text of frame.legend.texts) draw.text(text);

  draw.op(`${rgb(palette.edge)} RG 1.5 w 0 J 0 j`);
  for (const edge of model.edges) if (edge.kind !== 'share') draw.polyline(treeEdgePoints(edge, nodeById));

  const pause = options.pause ?? noPause;
  for (const [index, node] of model.nodes.entries()) {
    if (index % 100 === 99) await pause();
    const colours = cardColours(palette, node);
    const { x, y, width: w, height: h } = node;
    draw.rect({ x, y, width: w, height: h, radius: RADIUS, fill: colours.accent });
    // The body over all but the accent bar's 4 units, its right corners rounded (as the SVG's path).
    draw.op(`${rgb(colours.fill)} rg`);
    draw.op(`${p(x + ACCENT_WIDTH, y)} m ${p(x + w - RADIUS, y)} l ${p(x + w - RADIUS + RADIUS * KAPPA, y)} ${p(x + w, y + RADIUS - RADIUS * KAPPA)} ${p(x + w, y + RADIUS)} c`);
    draw.op(`${p(x + w, y + h - RADIUS)} l ${p(x + w, y + h - RADIUS + RADIUS * KAPPA)} ${p(x + w - RADIUS + RADIUS * KAPPA, y + h)} ${p(x + w - RADIUS, y + h)} c ${p(x + ACCENT_WIDTH, y + h)} l h f`);
    draw.rect({ x, y, width: w, height: h, radius: RADIUS, stroke: colours.stroke, strokeWidth: node.status ? 2 : 1 });
    const content = cardContent(node, palette);
    for (const text of content.texts) draw.text(text);
    for (const badge of content.badges) {
      draw.rect({ ...badge, radius: 7, fill: palette.badge.fill });
      draw.text({ text: badge.text, x: badge.x + 6, y: badge.y + 10.5, size: 10, bold: true, mono: false, anchor: 'start', fill: palette.badge.text });
    }
  }

  const shares = model.edges.filter((edge) => edge.kind === 'share');
  for (const curve of shareCurves(shares, nodeById)) {
    draw.op(`${rgb(curve.colour)} RG 2 w [${curve.dash.join(' ')}] 0 d`);
    draw.op(`${p(curve.from.x, curve.from.y)} m ${p(curve.control1.x, curve.control1.y)} ${p(curve.control2.x, curve.control2.y)} ${p(curve.to.x, curve.to.y)} c S [] 0 d`);
    draw.op(`${rgb(curve.colour)} rg ${curve.arrow.map((point, index) => `${p(point.x, point.y)} ${index === 0 ? 'm' : 'l'}`).join(' ')} h f`);
    if (curve.edge.label && curve.label) {
      const width = curve.edge.label.length * 10.5 * 0.5;
      draw.text({ text: curve.edge.label, x: curve.label.x - width / 2, y: curve.label.y, size: 10.5, bold: false, mono: false, anchor: 'start', fill: curve.colour });
    }
  }

  const plan = pdfPagePlan(frame.width, frame.height);
  // The drawing as bytes, a thousand operators at a time (one 10 MB string encoded at once froze the page).
  const pieces: Uint8Array[] = [];
  for (const chunk of draw.chunks(1000)) {
    pieces.push(latin1(chunk));
    await pause();
  }
  return writePdf(concat(pieces), frame, plan, frame.title?.text ?? 'Organization diagram', options.compress ?? typeof CompressionStream === 'function');
}

/** Content-stream operators in canvas units, y down (the form's matrix flips it once for the page). */
class Drawing {
  private readonly ops: string[] = [];

  op(operators: string): void {
    this.ops.push(operators);
  }

  fillRect(rect: SheetRect): void {
    this.op(`${rgb(rect.fill ?? '#ffffff')} rg ${p(rect.x, rect.y)} ${f(rect.width)} ${f(rect.height)} re f`);
  }

  /** A rounded rectangle, filled and/or stroked. */
  rect(rect: SheetRect): void {
    const { x, y, width: w, height: h } = rect;
    const r = Math.min(rect.radius, w / 2, h / 2);
    const k = r * KAPPA;
    const path = r === 0
      ? `${p(x, y)} ${f(w)} ${f(h)} re`
      : [
          `${p(x + r, y)} m ${p(x + w - r, y)} l ${p(x + w - r + k, y)} ${p(x + w, y + r - k)} ${p(x + w, y + r)} c`,
          `${p(x + w, y + h - r)} l ${p(x + w, y + h - r + k)} ${p(x + w - r + k, y + h)} ${p(x + w - r, y + h)} c`,
          `${p(x + r, y + h)} l ${p(x + r - k, y + h)} ${p(x, y + h - r + k)} ${p(x, y + h - r)} c`,
          `${p(x, y + r)} l ${p(x, y + r - k)} ${p(x + r - k, y)} ${p(x + r, y)} c h`,
        ].join(' ');
    const paint = rect.fill && rect.stroke ? 'B' : rect.fill ? 'f' : 'S';
    const colours = `${rect.fill ? `${rgb(rect.fill)} rg ` : ''}${rect.stroke ? `${rgb(rect.stroke)} RG ${f(rect.strokeWidth ?? 1)} w ` : ''}`;
    this.op(`${colours}${path} ${paint}`);
  }

  polyline(points: readonly SheetPoint[]): void {
    this.op(`${points.map((point, index) => `${p(point.x, point.y)} ${index === 0 ? 'm' : 'l'}`).join(' ')} S`);
  }

  /** Text at its baseline; the text matrix flips it back upright inside the y-down drawing. */
  text(text: CardText): void {
    const font = text.mono ? '/F3' : text.bold ? '/F2' : '/F1';
    // Courier advances 0.6 em a character: an end-anchored id is placed exactly.
    const x = text.anchor === 'end' ? text.x - [...text.text].length * 0.6 * text.size : text.x;
    // Tc is graphics state: set it on every text so one spaced header does not space the rest.
    const spacing = `${f(text.letterSpacing ?? 0)} Tc `;
    this.op(`BT ${rgb(text.fill)} rg ${font} ${f(text.size)} Tf ${spacing}1 0 0 -1 ${p(x, text.y)} Tm (${pdfString(text.text)}) Tj ET`);
  }

  /** The content stream in pieces of `size` operators, each ending with a newline. */
  *chunks(size: number): Generator<string> {
    for (let start = 0; start < this.ops.length; start += size) yield `${this.ops.slice(start, start + size).join('\n')}\n`;
  }
}

/** Assembles the file: catalog, pages, one form XObject holding the drawing, the three standard fonts. */
async function writePdf(drawingBytes: Uint8Array, frame: { x: number; y: number; width: number; height: number }, plan: PdfPagePlan, title: string, compress: boolean): Promise<Uint8Array> {
  const objects: (string | Uint8Array)[][] = [];
  // Object numbers start at 1: push returns the new length, which is the object's number.
  const add = (...parts: (string | Uint8Array)[]) => objects.push(parts);
  const reserve = () => objects.push([]);
  const catalog = reserve();
  const pages = reserve();
  const fonts = ['Helvetica', 'Helvetica-Bold', 'Courier'].map((name) => add(`<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`));
  const body = compress ? await deflate(drawingBytes) : drawingBytes;
  const form = add(
    `<< /Type /XObject /Subtype /Form /BBox [${f(frame.x)} ${f(frame.y)} ${f(frame.x + frame.width)} ${f(frame.y + frame.height)}] `
      + `/Resources << /Font << /F1 ${fonts[0]} 0 R /F2 ${fonts[1]} 0 R /F3 ${fonts[2]} 0 R >> >> /Length ${body.length}${compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
    body,
    '\nendstream',
  );
  const kids: number[] = [];
  for (let row = 0; row < plan.rows; row++) {
    for (let column = 0; column < plan.columns; column++) {
      // Sheet point (u, v) lands at ((u - x)·s - column·W, H - ((v - y)·s - row·H)) on this page.
      const s = plan.scale;
      const show = `q ${f(s)} 0 0 ${f(-s)} ${f(-frame.x * s - column * plan.pageWidth)} ${f(plan.pageHeight + frame.y * s + row * plan.pageHeight)} cm /Sheet Do Q`;
      const stream = add(`<< /Length ${show.length} >>\nstream\n${show}\nendstream`);
      kids.push(add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${f(plan.pageWidth)} ${f(plan.pageHeight)}] /Resources << /XObject << /Sheet ${form} 0 R >> >> /Contents ${stream} 0 R >>`));
    }
  }
  objects[pages - 1] = [`<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`];
  objects[catalog - 1] = [`<< /Type /Catalog /Pages ${pages} 0 R >>`];
  const info = add(`<< /Title (${pdfString(title)}) /Producer (Landing Zone Simulator) >>`);

  const chunks: Uint8Array[] = [latin1('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n')];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((parts, index) => {
    offsets.push(offset);
    for (const part of [`${index + 1} 0 obj\n`, ...parts, '\nendobj\n']) {
      const bytes = typeof part === 'string' ? latin1(part) : part;
      chunks.push(bytes);
      offset += bytes.length;
    }
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(latin1(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return concat(chunks);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A number for a content stream: at most two decimals. */
function f(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function p(x: number, y: number): string {
  return `${f(x)} ${f(y)}`;
}

/** "#rrggbb" as PDF colour components. */
function rgb(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return [value >> 16, (value >> 8) & 0xff, value & 0xff].map((channel) => f(channel / 255)).join(' ');
}

// WinAnsiEncoding places these characters in 0x80–0x9F, where Latin-1 has controls (ISO 32000-1 annex D).
const WIN_ANSI: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b,
  'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99,
  'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/**
 * Text as a PDF literal string in WinAnsiEncoding: backslash and parentheses escaped, characters the standard
 * fonts cannot show become "?" (the SVG export keeps every character).
 */
export function pdfString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const byte = WIN_ANSI[char] ?? (code >= 0x20 && code <= 0x7e ? code : code >= 0xa0 && code <= 0xff ? code : 0x3f);
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x80) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index) & 0xff;
  return bytes;
}

/** zlib-wrapped deflate (what /FlateDecode reads), through the runtime's CompressionStream. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
