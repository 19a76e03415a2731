/**
 * The camera's arithmetic, free of Pixi and the DOM so it is unit-tested in Node. A transform maps
 * world units to CSS pixels of the canvas: screen = world * scale + (x, y).
 */
import { CELL } from './units.ts';

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Pointer travel (CSS px) under which a press-and-release counts as a click, not a drag. */
export const CLICK_SLOP = 4;

/** Zoom limits relative to the fit scale; the floor keeps a small world zoomable to big cells. */
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;
export const MIN_MAX_SCALE = 4;

/** The transform that centres a `world`-sized rectangle in `view`, as big as fits inside `margin`. */
export function fitTransform(world: Size, view: Size, margin = 12): ViewTransform {
  if (world.width <= 0 || world.height <= 0 || view.width <= 0 || view.height <= 0) {
    return { x: 0, y: 0, scale: 1 };
  }
  const usableW = Math.max(1, view.width - 2 * margin);
  const usableH = Math.max(1, view.height - 2 * margin);
  const scale = Math.min(usableW / world.width, usableH / world.height);
  return {
    x: (view.width - world.width * scale) / 2,
    y: (view.height - world.height * scale) / 2,
    scale,
  };
}

/** The scale limits a fit scale allows: [min, max]. */
export function scaleLimits(fitScale: number): readonly [number, number] {
  return [fitScale * MIN_ZOOM, Math.max(fitScale * MAX_ZOOM, MIN_MAX_SCALE)];
}

/** Zooms by `factor` about the screen point (px, py), which stays over the same world point. */
export function zoomAbout(t: ViewTransform, px: number, py: number, factor: number, min: number, max: number): ViewTransform {
  const scale = Math.min(max, Math.max(min, t.scale * factor));
  const worldX = (px - t.x) / t.scale;
  const worldY = (py - t.y) / t.scale;
  return { x: px - worldX * scale, y: py - worldY * scale, scale };
}

/** Moves the view by a screen-space delta. */
export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { x: t.x + dx, y: t.y + dy, scale: t.scale };
}

/** The world point (world units) under a screen point. */
export function screenToWorld(t: ViewTransform, sx: number, sy: number): Point {
  return { x: (sx - t.x) / t.scale, y: (sy - t.y) / t.scale };
}

/** The screen point (CSS px) of a world point. */
export function worldToScreen(t: ViewTransform, wx: number, wy: number): Point {
  return { x: wx * t.scale + t.x, y: wy * t.scale + t.y };
}

/** The grid cell under a screen point (may lie outside the grid; callers check bounds). */
export function screenToCell(t: ViewTransform, sx: number, sy: number, cell = CELL): Point {
  const world = screenToWorld(t, sx, sy);
  return { x: Math.floor(world.x / cell), y: Math.floor(world.y / cell) };
}

/**
 * The zoom factor for one wheel event. Lines and pages are turned into pixels first so a mouse
 * wheel, a trackpad and a pinch (ctrl+wheel) all zoom at a similar speed.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, pageHeight: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * pageHeight : deltaY;
  // Clamp one event so a single fast flick cannot jump the whole zoom range.
  const clamped = Math.max(-240, Math.min(240, pixels));
  return Math.exp(-clamped * 0.002);
}

/**
 * Two taps this close in time (ms) and place (CSS px) are a double tap. Pointer events rather
 * than the DOM's dblclick, so a finger on a phone can reset the view as a mouse can.
 */
export const DOUBLE_TAP_MS = 400;
export const DOUBLE_TAP_SLOP = 12;

/** A tap (a press released without dragging): when, and where on the canvas. */
export interface Tap {
  readonly at: number;
  readonly x: number;
  readonly y: number;
}

/** Whether `tap` completes a double tap begun by `previous` (null: there was none). */
export function isDoubleTap(previous: Tap | null, tap: Tap): boolean {
  if (!previous) return false;
  const elapsed = tap.at - previous.at;
  const dx = tap.x - previous.x;
  const dy = tap.y - previous.y;
  return elapsed >= 0 && elapsed <= DOUBLE_TAP_MS && dx * dx + dy * dy <= DOUBLE_TAP_SLOP * DOUBLE_TAP_SLOP;
}

/** Whether a press that moved (dx, dy) px before release is a click. */
export function isClick(dx: number, dy: number): boolean {
  return dx * dx + dy * dy < CLICK_SLOP * CLICK_SLOP;
}
