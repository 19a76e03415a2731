/**
 * Pan and zoom of the world container, driven by native DOM events on the canvas. Native rather
 * than Pixi's federated events because Pixi listens to `wheel` passively, so it cannot stop the
 * page from scrolling while the user zooms; the math lives in cameraMath.ts. A double tap (or
 * click) fits the whole grid again, as does the stage's fit button.
 */
import type { Container } from 'pixi.js';
import {
  fitTransform, isClick, isDoubleTap, panBy, scaleLimits, screenToCell, wheelZoomFactor, zoomAbout,
  type Point, type Size, type Tap, type ViewTransform,
} from './cameraMath.ts';

interface Drag {
  readonly pointerId: number;
  readonly startX: number;
  readonly startY: number;
  lastX: number;
  lastY: number;
  dragging: boolean;
}

/** Pan/zoom of world-space containers; call `syncScreen` every frame and `destroy` at the end. */
export class Camera {
  private t: ViewTransform = { x: 0, y: 0, scale: 1 };
  private fitScale = 1;
  private world: Size = { width: 0, height: 0 };
  private screenSize: Size = { width: 0, height: 0 };
  /** True until the user pans or zooms: until then the camera keeps the whole grid fitted. */
  private following = true;
  private drag: Drag | null = null;
  /** The last tap, so a second one soon after and close by is a double tap (fit the grid). */
  private lastTap: Tap | null = null;
  private changes = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** Every world-space layer: they all get the same transform. */
    private readonly targets: readonly Container[],
    private readonly screen: () => Size,
    private readonly onTap: (cell: Point) => void,
  ) {
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointercancel', this.onPointerCancel);
    canvas.addEventListener('wheel', this.onWheel, { passive: false });
    // Touch drags pan the grid instead of scrolling the page.
    canvas.style.touchAction = 'none';
  }

  /** The current transform (world units to CSS px). */
  get transform(): ViewTransform {
    return this.t;
  }

  /** Increases whenever the transform changes, so screen-space views re-layout only then. */
  get version(): number {
    return this.changes;
  }

  /** A new world (size in world units): forget the user's pan/zoom and fit it. */
  setWorld(size: Size): void {
    this.world = size;
    this.following = true;
    this.fit();
  }

  /** Centres and scales the whole grid into the view, and follows resizes again. */
  fit(): void {
    this.following = true;
    const fitted = fitTransform(this.world, this.screen());
    this.fitScale = fitted.scale;
    this.apply(fitted);
  }

  /** Reacts to a canvas size change: refits until the user has moved the view. */
  syncScreen(): void {
    const size = this.screen();
    if (size.width === this.screenSize.width && size.height === this.screenSize.height) return;
    this.screenSize = { width: size.width, height: size.height };
    if (this.following) this.fit();
    else this.fitScale = fitTransform(this.world, size).scale;
  }

  /** Removes the DOM listeners. */
  destroy(): void {
    this.canvas.removeEventListener('pointerdown', this.onPointerDown);
    this.canvas.removeEventListener('pointermove', this.onPointerMove);
    this.canvas.removeEventListener('pointerup', this.onPointerUp);
    this.canvas.removeEventListener('pointercancel', this.onPointerCancel);
    this.canvas.removeEventListener('wheel', this.onWheel);
    this.drag = null;
    this.lastTap = null;
  }

  private apply(t: ViewTransform): void {
    this.t = t;
    for (const target of this.targets) {
      target.position.set(t.x, t.y);
      target.scale.set(t.scale);
    }
    this.changes++;
  }

  private local(event: MouseEvent): Point {
    const rect = this.canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (!event.isPrimary || event.button !== 0 || this.drag) return;
    const p = this.local(event);
    this.drag = { pointerId: event.pointerId, startX: p.x, startY: p.y, lastX: p.x, lastY: p.y, dragging: false };
    try {
      // Capture keeps the drag alive when the pointer leaves the canvas mid-pan.
      this.canvas.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic event (a test's dispatchEvent) has no live pointer to capture; pan without.
    }
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (drag?.pointerId !== event.pointerId) return;
    const p = this.local(event);
    if (!drag.dragging && isClick(p.x - drag.startX, p.y - drag.startY)) return;
    if (!drag.dragging) {
      drag.dragging = true;
      this.canvas.style.cursor = 'grabbing';
    }
    this.following = false;
    this.apply(panBy(this.t, p.x - drag.lastX, p.y - drag.lastY));
    drag.lastX = p.x;
    drag.lastY = p.y;
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const drag = this.drag;
    if (drag?.pointerId !== event.pointerId) return;
    this.endDrag(event.pointerId);
    const p = this.local(event);
    if (drag.dragging || !isClick(p.x - drag.startX, p.y - drag.startY)) {
      this.lastTap = null;
      return;
    }
    const tap = { at: event.timeStamp, x: p.x, y: p.y };
    if (isDoubleTap(this.lastTap, tap)) {
      // The first tap already selected what was under it; the second resets the view.
      this.lastTap = null;
      this.fit();
      return;
    }
    this.lastTap = tap;
    this.onTap(screenToCell(this.t, p.x, p.y));
  };

  private readonly onPointerCancel = (event: PointerEvent): void => {
    if (this.drag?.pointerId === event.pointerId) this.endDrag(event.pointerId);
  };

  private endDrag(pointerId: number): void {
    this.drag = null;
    this.canvas.style.cursor = '';
    if (this.canvas.hasPointerCapture(pointerId)) this.canvas.releasePointerCapture(pointerId);
  }

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const p = this.local(event);
    const factor = wheelZoomFactor(event.deltaY, event.deltaMode, this.screen().height);
    const [min, max] = scaleLimits(this.fitScale);
    this.following = false;
    this.apply(zoomAbout(this.t, p.x, p.y, factor, min, max));
  };
}
