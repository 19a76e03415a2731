/**
 * The timeline's text: each label is set once on a canvas outside the document (an atlas) and
 * copied onto a lane with drawImage at every draw after that.
 *
 * Why a canvas outside the document: before any text call (measureText, fillText) on a canvas in
 * the document, Chromium brings the page's style up to date. A lane draws right after React has
 * changed the panels, so with 1,000 agents thinking its first text call took ~0.7 ms a draw.
 *
 * Why each label once: copying from a canvas costs little while that canvas is unchanged since
 * the last copy, and a snapshot of it when it changed. A strip cleared and set afresh at every
 * draw (the way before this) changed at every copy. In CPU profiles with 1,000 agents thinking,
 * the axis took 2.8 ms a second that way, and 1.2 ms from this atlas, most of it the copies.
 * Labels repeat (the axis's ticks are round steps, the rows' labels fixed), so the atlas changes
 * only when one is new.
 */
import type { PaintContext } from './bitmapCanvas.ts';
import { ShelfPacker } from './shelfPacker.ts';

/** How a label is set: the canvas font, its size in CSS px (the cell's height), and its colour. */
export interface LabelStyle {
  readonly font: string;
  readonly px: number;
  readonly color: string;
}

/** Where a label goes on the lane: `x` is its left, centre or right; `y` its top or middle. */
export interface LabelPlace {
  readonly x: number;
  readonly y: number;
  readonly align: 'left' | 'center' | 'right';
  readonly baseline: 'top' | 'middle';
  /** Squeezed to this width (CSS px) if wider, as fillText's maxWidth does. */
  readonly maxWidth?: number;
  /** Moved as little as needed to lie within [0, within] (CSS px) rather than be cut at an edge. */
  readonly within?: number;
}

/** A label's cell in the atlas (device px) and its width as set (CSS px). */
interface Cell {
  readonly sx: number;
  readonly sy: number;
  readonly sw: number;
  readonly sh: number;
  readonly width: number;
}

/** Room around each label so no glyph touches its neighbour's cell (CSS px). */
const PAD = 2;
/** The atlas's size in device px: a few hundred labels at 11 px; it starts over when full. */
const ATLAS_WIDTH = 1024;
const ATLAS_HEIGHT = 512;

interface Atlas {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  readonly dpr: number;
  readonly cells: Map<string, Cell>;
  packer: ShelfPacker;
}

/** Shared by every lane: drawing is synchronous, so one lane at a time uses it. */
let atlas: Atlas | null = null;

/** The atlas for this device pixel ratio, made (or made again, when the ratio changed) on first use; null without a 2D canvas (jsdom). */
function atlasFor(dpr: number): Atlas | null {
  if (atlas?.dpr === dpr) return atlas;
  const canvas = atlas?.canvas ?? document.createElement('canvas');
  canvas.width = ATLAS_WIDTH;
  canvas.height = ATLAS_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  atlas = { canvas, ctx, dpr, cells: new Map(), packer: new ShelfPacker(ATLAS_WIDTH, ATLAS_HEIGHT) };
  return atlas;
}

/** Sets `text` in a free cell of the atlas, starting the atlas over when it is full. */
function setLabel(a: Atlas, text: string, style: LabelStyle, maxWidth: number | undefined): Cell | null {
  const { ctx, dpr } = a;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = style.font;
  const measured = ctx.measureText(text).width;
  const width = maxWidth === undefined ? measured : Math.min(measured, maxWidth);
  const sw = Math.min(ATLAS_WIDTH, Math.ceil((width + 2 * PAD) * dpr));
  const sh = Math.min(ATLAS_HEIGHT, Math.ceil((Math.ceil(style.px * 1.5) + 2 * PAD) * dpr));
  let spot = a.packer.place(sw, sh);
  if (!spot) {
    // Full: start over. Labels already copied this draw are on their lanes; the rest are set again.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ATLAS_WIDTH, ATLAS_HEIGHT);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    a.cells.clear();
    a.packer = new ShelfPacker(ATLAS_WIDTH, ATLAS_HEIGHT);
    spot = a.packer.place(sw, sh);
    if (!spot) return null;
  }
  ctx.fillStyle = style.color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  if (maxWidth === undefined) ctx.fillText(text, spot.x / dpr + PAD, spot.y / dpr + PAD);
  else ctx.fillText(text, spot.x / dpr + PAD, spot.y / dpr + PAD, maxWidth);
  return { sx: spot.x, sy: spot.y, sw, sh, width };
}

/**
 * Draws `text` onto `ctx` (in its current CSS-px coordinates) as `place` says, set in `style`.
 * Whole device pixels: the copy is pixel for pixel. Nothing happens without a 2D canvas (jsdom).
 */
export function drawLabel(ctx: PaintContext, text: string, style: LabelStyle, place: LabelPlace): void {
  const dpr = window.devicePixelRatio || 1;
  const a = atlasFor(dpr);
  if (!a) return;
  const key = `${style.font}\n${style.color}\n${place.maxWidth ?? ''}\n${text}`;
  let cell = a.cells.get(key);
  if (!cell) {
    const made = setLabel(a, text, style, place.maxWidth);
    if (!made) return;
    cell = made;
    a.cells.set(key, cell);
  }
  let left = place.align === 'left' ? place.x : place.align === 'right' ? place.x - cell.width : place.x - cell.width / 2;
  if (place.within !== undefined) left = Math.max(0, Math.min(place.within - cell.width, left));
  // A 'top' label's glyphs start PAD below the cell's top; a 'middle' one is centred on the line
  // the way textBaseline 'middle' centres it: half the font size below its top.
  const top = place.baseline === 'top' ? place.y : place.y - style.px / 2;
  const dx = Math.round((left - PAD) * dpr) / dpr;
  const dy = Math.round((top - PAD) * dpr) / dpr;
  ctx.drawImage(a.canvas, cell.sx, cell.sy, cell.sw, cell.sh, dx, dy, cell.sw / dpr, cell.sh / dpr);
}
