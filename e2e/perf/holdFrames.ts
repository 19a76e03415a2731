/**
 * A switch for a page's frame loop, for pages that take turns to draw (turns.ts):
 * HOLD_FRAMES_SCRIPT keeps requestAnimationFrame callbacks back while the page is held and hands
 * them on when it is let go. PixiJS's ticker runs on them, so a held page draws nothing; the app's
 * world is paused as well by its contender (scenes.ts appContender), so a held app does no work either.
 * It also sums the time spent inside frame callbacks, so a page's JavaScript can be split into the
 * frame's own (the stage's draw) and the rest (messages, panels, timers).
 */
import type { Page } from '@playwright/test';

/**
 * Installed before any of the page's own scripts (page.addInitScript). A string, not a function:
 * tsx's esbuild would wrap named functions in a `__name` helper the page does not have.
 */
export const HOLD_FRAMES_SCRIPT = `(() => {
  const native = window.requestAnimationFrame.bind(window);
  const cancel = window.cancelAnimationFrame.bind(window);
  // Time spent inside frame callbacks (the stage's draw), read by scenes.ts countMainThread.
  window.__neonFrameJsMs = 0;
  const request = (callback) => native((time) => {
    const start = performance.now();
    try {
      callback(time);
    } finally {
      window.__neonFrameJsMs += performance.now() - start;
    }
  });
  const held = new Map();
  let holding = false;
  let nextHeld = -1;
  window.requestAnimationFrame = (callback) => {
    if (!holding) return request(callback);
    const id = nextHeld--;
    held.set(id, callback);
    return id;
  };
  window.cancelAnimationFrame = (id) => (id < 0 ? held.delete(id) : cancel(id));
  window.__neonPerfHold = (on) => {
    holding = on;
    if (on) return;
    const callbacks = [...held.values()];
    held.clear();
    for (const callback of callbacks) request(callback);
  };
})();`;

/** Holds (true) or lets go of (false) the page's frame loop; the page needs HOLD_FRAMES_SCRIPT. */
export async function holdFrames(page: Page, on: boolean): Promise<void> {
  await page.evaluate((hold) => {
    (window as unknown as { __neonPerfHold(on: boolean): void }).__neonPerfHold(hold);
  }, on);
}

