/**
 * Mounts the PixiJS view of the grid into a DOM element. It owns the Application and the frame
 * loop; each frame it polls the RenderSource (cheap reference reads, no React), rebuilds the views
 * when the world object changes, and moves agents by interpolating the two newest ticks.
 */
import { Application } from 'pixi.js';
import 'pixi.js/unsafe-eval'; // static shader/uniform sync instead of `new Function`: the built page's CSP has no 'unsafe-eval'
import { worldToScreen } from './cameraMath.ts';
import { BACKGROUND } from './palette.ts';
import type { RenderSource } from './source.ts';
import { StageScene } from './stageScene.ts';
import { cellCentre } from './units.ts';

/** What mountStage hands back. */
export interface StageHandle {
  /** Stops drawing, removes the canvas and frees every GPU resource and listener. */
  destroy(): void;
  /** Fits the whole grid into the view again (and follows resizes) after the user panned/zoomed. */
  fitView(): void;
  /** Where the centre of cell (x, y) is now, in CSS px from the container's top-left (for tests). */
  cellToScreen(x: number, y: number): { x: number; y: number };
}

/** How often the frame rate is reported (ms). */
const FPS_WINDOW_MS = 500;

/**
 * Stages alive or being mounted. React's StrictMode mounts twice, so two Applications overlap for
 * a moment; Pixi's shared pools may only be released when the last one goes.
 */
let liveStages = 0;

/** Creates the Pixi application in `container` and starts drawing what `source` holds. */
export async function mountStage(container: HTMLElement, source: RenderSource): Promise<StageHandle> {
  liveStages++;
  const app = new Application();
  try {
    await app.init({
      resizeTo: container,
      background: BACKGROUND,
      antialias: false,
      autoDensity: true,
      resolution: window.devicePixelRatio || 1,
      preference: 'webgl',
      // Input is handled with native listeners in camera.ts; Pixi's hit-testing would be wasted work.
      eventFeatures: { move: false, globalMove: false, click: false, wheel: false },
    });
  } catch (error) {
    liveStages--;
    throw error;
  }
  container.appendChild(app.canvas);
  const scene = new StageScene(app, source);
  // resizeTo only listens to window resizes; panels and layout changes resize the element alone.
  const observer = new ResizeObserver(() => {
    app.queueResize();
  });
  observer.observe(container);
  let fpsFrames = 0;
  let fpsSince = performance.now();
  const onFrame = (): void => {
    const now = performance.now();
    scene.frame(now);
    fpsFrames++;
    if (now - fpsSince >= FPS_WINDOW_MS) {
      source.reportFps(Math.round((fpsFrames * 1000) / (now - fpsSince)));
      fpsFrames = 0;
      fpsSince = now;
    }
  };
  app.ticker.add(onFrame);
  let destroyed = false;
  return {
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      liveStages--;
      observer.disconnect();
      app.ticker.remove(onFrame);
      scene.detach();
      app.destroy(
        { removeView: true, releaseGlobalResources: liveStages === 0 },
        { children: true, context: true, style: true },
      );
      scene.disposeAfterRenderer();
    },
    fitView: () => {
      scene.camera.fit();
    },
    cellToScreen: (x, y) => worldToScreen(scene.camera.transform, cellCentre(x), cellCentre(y)),
  };
}
