// PNG from the SVG export: the diagram drawn at one canvas unit per pixel or more (a card name, 14 units high,
// stays at least 14 px), split into tiles when it is bigger than one bitmap can hold. Nothing on screen is touched,
// so exporting never moves or zooms the canvas.

/** Largest side of one tile, in pixels: Chromium's canvas allows 32,767 px a side and about 268 M pixels. */
export const MAX_TILE_SIDE = 12_000;
/** Small diagrams are drawn up to twice as sharp, as long as the image stays within this side. */
const SHARP_SIDE = 4096;
const MAX_SCALE = 2;

/** One PNG of the picture: the whole of it, or the tile in `row`, `column` (from 1) of a `rows` × `columns` grid. */
export interface PngTile {
  blob: Blob;
  width: number;
  height: number;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The scale and tile grid of a picture of `width` × `height` canvas units (pure: the tests and the UI share it). */
export function tilePlan(width: number, height: number): { scale: number; width: number; height: number; rows: number; columns: number; tileWidth: number; tileHeight: number } {
  // Never below 1: that is what keeps names readable at 100 %.
  const scale = Math.max(1, Math.min(MAX_SCALE, SHARP_SIDE / width, SHARP_SIDE / height));
  const pixelWidth = Math.max(1, Math.round(width * scale));
  const pixelHeight = Math.max(1, Math.round(height * scale));
  const columns = Math.ceil(pixelWidth / MAX_TILE_SIDE);
  const rows = Math.ceil(pixelHeight / MAX_TILE_SIDE);
  return { scale, width: pixelWidth, height: pixelHeight, rows, columns, tileWidth: Math.ceil(pixelWidth / columns), tileHeight: Math.ceil(pixelHeight / rows) };
}

/** Rasterizes an SVG document (width and height attributes in canvas units) to one PNG, or tiles past MAX_TILE_SIDE. */
export async function svgToPngTiles(svg: string): Promise<PngTile[]> {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const plan = tilePlan(size ? Number(size[1]) : 1200, size ? Number(size[2]) : 800);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const tiles: PngTile[] = [];
    for (let row = 0; row < plan.rows; row++) {
      for (let column = 0; column < plan.columns; column++) {
        const left = column * plan.tileWidth;
        const top = row * plan.tileHeight;
        const width = Math.min(plan.tileWidth, plan.width - left);
        const height = Math.min(plan.tileHeight, plan.height - top);
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('This browser cannot draw to a canvas: export SVG instead.');
        // The source rectangle is in the SVG's own units; the browser draws the vectors at the tile's resolution.
        context.drawImage(image, left / plan.scale, top / plan.scale, width / plan.scale, height / plan.scale, 0, 0, width, height);
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (!blob) throw new Error('The browser could not encode the PNG (too large?): export SVG instead.');
        tiles.push({ blob, width, height, row: row + 1, column: column + 1, rows: plan.rows, columns: plan.columns });
        // Let the page breathe between tiles.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    return tiles;
  } finally {
    URL.revokeObjectURL(url);
  }
}
