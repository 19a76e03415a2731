import { describe, expect, it } from 'vitest';
import {
  fitTransform, isClick, isDoubleTap, panBy, scaleLimits, screenToCell, screenToWorld, wheelZoomFactor, worldToScreen, zoomAbout,
} from './cameraMath.ts';

describe('fitTransform', () => {
  it('scales the limiting side to the view and centres the other', () => {
    const t = fitTransform({ width: 100, height: 50 }, { width: 220, height: 220 }, 10);
    expect(t.scale).toBe(2);
    expect(t.x).toBe(10);
    expect(t.y).toBe(60);
  });

  it('falls back to identity for an empty world or view', () => {
    expect(fitTransform({ width: 0, height: 10 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 0, scale: 1 });
    expect(fitTransform({ width: 10, height: 10 }, { width: 0, height: 0 })).toEqual({ x: 0, y: 0, scale: 1 });
  });
});

describe('zoomAbout', () => {
  it('keeps the world point under the pointer fixed', () => {
    const t = { x: 30, y: -20, scale: 1.5 };
    const before = screenToWorld(t, 200, 120);
    const zoomed = zoomAbout(t, 200, 120, 2, 0.1, 10);
    expect(zoomed.scale).toBe(3);
    const after = screenToWorld(zoomed, 200, 120);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('clamps the scale to the limits', () => {
    const t = { x: 0, y: 0, scale: 1 };
    expect(zoomAbout(t, 0, 0, 100, 0.5, 4).scale).toBe(4);
    expect(zoomAbout(t, 0, 0, 0.001, 0.5, 4).scale).toBe(0.5);
  });

  it('does not move the view when the scale is already at a limit', () => {
    const t = { x: 5, y: 7, scale: 4 };
    expect(zoomAbout(t, 100, 100, 2, 0.5, 4)).toEqual(t);
  });
});

describe('scaleLimits', () => {
  it('allows a quarter to eight times the fit scale, and at least 4 world px per px', () => {
    expect(scaleLimits(1)).toEqual([0.25, 8]);
    expect(scaleLimits(0.1)).toEqual([0.025, 4]);
  });
});

describe('screen and world conversions', () => {
  const t = { x: 10, y: 20, scale: 2 };

  it('are inverses', () => {
    const s = worldToScreen(t, 33, 44);
    expect(screenToWorld(t, s.x, s.y)).toEqual({ x: 33, y: 44 });
  });

  it('screenToCell floors to 16-unit cells', () => {
    expect(screenToCell(t, 10, 20)).toEqual({ x: 0, y: 0 });
    expect(screenToCell(t, 10 + 31.9, 20 + 32)).toEqual({ x: 0, y: 1 });
    expect(screenToCell(t, 10 + 32 * 5 + 1, 20 + 32 * 3 + 31)).toEqual({ x: 5, y: 3 });
  });

  it('screenToCell is negative left of and above the grid', () => {
    expect(screenToCell(t, 9, 19)).toEqual({ x: -1, y: -1 });
  });

  it('panBy shifts the origin only', () => {
    expect(panBy(t, 5, -3)).toEqual({ x: 15, y: 17, scale: 2 });
  });
});

describe('wheelZoomFactor', () => {
  it('zooms in on wheel up and out on wheel down, symmetrically', () => {
    const zoomIn = wheelZoomFactor(-100, 0, 800);
    const zoomOut = wheelZoomFactor(100, 0, 800);
    expect(zoomIn).toBeGreaterThan(1);
    expect(zoomOut).toBeLessThan(1);
    expect(zoomIn * zoomOut).toBeCloseTo(1);
  });

  it('treats line deltas as 16 px and caps one event', () => {
    expect(wheelZoomFactor(3, 1, 800)).toBeCloseTo(wheelZoomFactor(48, 0, 800));
    expect(wheelZoomFactor(1, 2, 800)).toBeCloseTo(wheelZoomFactor(10_000, 0, 800));
  });
});

describe('isClick', () => {
  it('accepts under 4 px of travel and rejects 4 px or more', () => {
    expect(isClick(0, 0)).toBe(true);
    expect(isClick(2, 3)).toBe(true);
    expect(isClick(4, 0)).toBe(false);
    expect(isClick(3, 3)).toBe(false);
  });
});

describe('isDoubleTap', () => {
  const first = { at: 1_000, x: 100, y: 80 };

  it('pairs a second tap soon after and near the first', () => {
    expect(isDoubleTap(first, { at: 1_250, x: 104, y: 77 })).toBe(true);
  });

  it('needs a first tap, and one close in time and place', () => {
    expect(isDoubleTap(null, first)).toBe(false);
    expect(isDoubleTap(first, { at: 1_401, x: 100, y: 80 })).toBe(false);
    expect(isDoubleTap(first, { at: 1_100, x: 113, y: 80 })).toBe(false);
    expect(isDoubleTap(first, { at: 900, x: 100, y: 80 })).toBe(false);
  });
});
