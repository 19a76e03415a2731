import { afterEach, describe, expect, it, vi } from 'vitest';
import { paintCanvas, type PaintContext } from './bitmapCanvas.ts';

/** A 2D context that logs what is done to it. */
function fakeContext(log: string[], name: string): PaintContext {
  return {
    setTransform: () => log.push(`${name}.setTransform`),
    clearRect: (x: number, y: number, w: number, h: number) => log.push(`${name}.clearRect ${x},${y},${w},${h}`),
  } as unknown as PaintContext;
}

/** An OffscreenCanvas whose bitmap is handed over by `transferToImageBitmap`. */
class FakeOffscreen {
  static log: string[] = [];
  constructor(
    public width: number,
    public height: number,
  ) {}
  getContext(kind: string): PaintContext | null {
    return kind === '2d' ? fakeContext(FakeOffscreen.log, 'offscreen') : null;
  }
  transferToImageBitmap(): { from: string } {
    FakeOffscreen.log.push(`transfer ${this.width}x${this.height}`);
    return { from: 'offscreen' };
  }
}

function fakeCanvas(log: string[], bitmap: boolean): HTMLCanvasElement {
  const canvas = {
    width: 300,
    height: 150,
    getContext: (kind: string) => {
      if (kind === 'bitmaprenderer') return bitmap ? { transferFromImageBitmap: (b: { from: string }) => log.push(`shown from ${b.from} at ${canvas.width}x${canvas.height}`) } : null;
      return kind === '2d' ? fakeContext(log, 'canvas') : null;
    },
  };
  return canvas as unknown as HTMLCanvasElement;
}

describe('paintCanvas', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeOffscreen.log = [];
  });

  it('draws off the document and shows the picture as a bitmap, the canvas sized to it', () => {
    vi.stubGlobal('OffscreenCanvas', FakeOffscreen);
    const log: string[] = [];
    FakeOffscreen.log = log;
    const canvas = fakeCanvas(log, true);
    paintCanvas(canvas, 640, 80, () => log.push('draw'));
    expect(log).toEqual(['offscreen.setTransform', 'offscreen.clearRect 0,0,640,80', 'draw', 'transfer 640x80', 'shown from offscreen at 640x80']);
    // The next picture, of another size, reuses the off-document canvas at its new size.
    log.length = 0;
    paintCanvas(canvas, 320, 40, () => log.push('draw'));
    expect(log).toEqual(['offscreen.setTransform', 'offscreen.clearRect 0,0,320,40', 'draw', 'transfer 320x40', 'shown from offscreen at 320x40']);
  });

  it('draws on the canvas itself where there is no OffscreenCanvas', () => {
    vi.stubGlobal('OffscreenCanvas', undefined);
    const log: string[] = [];
    const canvas = fakeCanvas(log, true);
    paintCanvas(canvas, 200, 50, () => log.push('draw'));
    expect(log).toEqual(['canvas.setTransform', 'canvas.clearRect 0,0,200,50', 'draw']);
    expect([canvas.width, canvas.height]).toEqual([200, 50]);
  });

  it('draws nothing where the canvas has no context at all', () => {
    vi.stubGlobal('OffscreenCanvas', undefined);
    const canvas = { width: 1, height: 1, getContext: () => null } as unknown as HTMLCanvasElement;
    const draw = vi.fn();
    paintCanvas(canvas, 10, 10, draw);
    expect(draw).not.toHaveBeenCalled();
  });
});
