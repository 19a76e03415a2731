/**
 * A canvas in the page that shows a finished picture: each drawing is made off the document (an
 * OffscreenCanvas) and handed to the canvas whole, as an ImageBitmap (`bitmaprenderer`).
 *
 * Why not draw on the canvas itself: Chromium hands a 2D canvas in the page to the compositor
 * again at every frame the page draws, changed or not (`ProduceCanvasResource` in every frame of
 * a trace, 0.15 ms of the main thread per frame). The app's stage draws a frame as often as it
 * can, so one lane of the request timeline, redrawn a few times a second at most, cost that on
 * every frame of the grid. A canvas showing a bitmap is handed over only when the bitmap changes.
 * Measured beside the bare particle page (issue 16, progress note 14): a 2D canvas drawn once
 * made a produce in each of 434 frames; the same picture shown as a bitmap, none.
 *
 * Where there is no OffscreenCanvas (jsdom), the picture is drawn on the canvas itself.
 */

/** What a drawing is made with: the canvas's own 2D context, or the off-document one's. */
export type PaintContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * One off-document canvas for every picture: drawing is synchronous, and handing a drawing over
 * as a bitmap leaves the canvas blank, so nothing is left on it between two pictures.
 */
let scratch: OffscreenCanvas | null = null;

/**
 * Draws a picture of `width` × `height` device px with `draw` (given a cleared context with no
 * transform) and shows it on `canvas`. Nothing is drawn where no 2D context can be had.
 */
export function paintCanvas(canvas: HTMLCanvasElement, width: number, height: number, draw: (ctx: PaintContext) => void): void {
  const shown = typeof OffscreenCanvas === 'undefined' ? null : canvas.getContext('bitmaprenderer');
  if (!shown) {
    sizeTo(canvas, width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) drawFresh(ctx, width, height, draw);
    return;
  }
  scratch ??= new OffscreenCanvas(width, height);
  sizeTo(scratch, width, height);
  const ctx = scratch.getContext('2d');
  if (!ctx) return;
  drawFresh(ctx, width, height, draw);
  // The canvas's size follows the picture's, as it did when the picture was drawn on it.
  sizeTo(canvas, width, height);
  shown.transferFromImageBitmap(scratch.transferToImageBitmap());
}

/** Assigning a canvas's size clears it and resets its state, so it is only done when the size changed. */
function sizeTo(target: HTMLCanvasElement | OffscreenCanvas, width: number, height: number): void {
  if (target.width !== width) target.width = width;
  if (target.height !== height) target.height = height;
}

/** Runs `draw` on a cleared context with no transform. */
function drawFresh(ctx: PaintContext, width: number, height: number, draw: (ctx: PaintContext) => void): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  draw(ctx);
}
