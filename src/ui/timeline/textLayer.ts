/**
 * The timeline's text, set on a canvas outside the document and copied onto a lane as an image.
 *
 * Why: before any text call (measureText, fillText) on a canvas in the document, Chromium brings
 * the page's style up to date. A lane draws right after React has changed the panels, so with
 * 1,000 agents thinking its first text call took ~0.7 ms a draw, ~2.6 ms a second, in a profile.
 * The same calls on a detached canvas take ~0.01 ms (measured in one page, the style made dirty
 * before each call), and copying it in (drawImage) needs no style.
 */

/** Shared by every lane: drawing is synchronous, so one at a time uses it. */
let scratch: HTMLCanvasElement | null = null;

/**
 * Runs `draw` on a cleared, transparent `width`×`height` (CSS px) canvas and copies the result
 * onto `ctx` with its top-left at (`x`, `y`) in `ctx`'s current coordinates. The text canvas
 * matches the device pixel ratio, so the copy is pixel for pixel. Nothing happens where there
 * is no 2D canvas (jsdom).
 */
export function drawTextLayer(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, draw: (text: CanvasRenderingContext2D) => void): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  scratch ??= document.createElement('canvas');
  // Grown, never shrunk: resizing a canvas clears it and resets its state, and lanes differ in size.
  if (scratch.width < w) scratch.width = w;
  if (scratch.height < h) scratch.height = h;
  const text = scratch.getContext('2d');
  if (!text) return;
  text.setTransform(1, 0, 0, 1, 0, 0);
  text.clearRect(0, 0, w, h);
  text.setTransform(dpr, 0, 0, dpr, 0, 0);
  draw(text);
  ctx.drawImage(scratch, 0, 0, w, h, x, y, w / dpr, h / dpr);
}
