import { describe, expect, it } from 'vitest';
import { pointsAttr, sparkPoints } from './sparkline.ts';

describe('sparkPoints', () => {
  it('starts at 0.5 before scene 1 and puts a point at the end of each scored scene', () => {
    // 100 × 20: a scene every 33.33 px, 1 at the top (y 0), 0 at the bottom (y 20).
    expect(sparkPoints([0.62, 0.8, 1], 3, 100, 20)).toEqual([
      { x: 0, y: 10 },
      { x: 33.33, y: 7.6 },
      { x: 66.67, y: 4 },
      { x: 100, y: 0 },
    ]);
  });

  it('spans every planned scene, so a run in progress fills from the left', () => {
    expect(sparkPoints([0], 4, 100, 20)).toEqual([{ x: 0, y: 10 }, { x: 25, y: 20 }]);
    expect(sparkPoints([], 3, 100, 20)).toEqual([{ x: 0, y: 10 }]);
  });

  it('draws scores outside 0–1 at the edge and a non-number at the start line', () => {
    expect(sparkPoints([1.5, -0.2, Number.NaN], 3, 90, 10).map((p) => p.y)).toEqual([5, 0, 10, 5]);
  });

  it('copes with no scenes planned and with more scores than scenes', () => {
    expect(sparkPoints([0.5], 0, 10, 10)).toEqual([{ x: 0, y: 5 }, { x: 10, y: 5 }]);
    expect(sparkPoints([1, 1], 1, 10, 10).map((p) => p.x)).toEqual([0, 5, 10]);
  });

  it('writes an SVG points attribute', () => {
    expect(pointsAttr(sparkPoints([0.62], 2, 50, 20))).toBe('0,10 25,7.6');
  });
});
