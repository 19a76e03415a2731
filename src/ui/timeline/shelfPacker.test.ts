import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShelfPacker } from './shelfPacker.ts';

describe('ShelfPacker', () => {
  it('fills a shelf left to right, then starts the next under its tallest cell', () => {
    const packer = new ShelfPacker(100, 50);
    expect(packer.place(40, 10)).toEqual({ x: 0, y: 0 });
    expect(packer.place(40, 14)).toEqual({ x: 40, y: 0 });
    expect(packer.place(30, 10)).toEqual({ x: 0, y: 14 });
  });

  it('says when the area is full, and refuses a rectangle larger than the area', () => {
    const packer = new ShelfPacker(100, 30);
    expect(packer.place(60, 20)).not.toBeNull();
    expect(packer.place(60, 20)).toBeNull();
    expect(new ShelfPacker(100, 30).place(101, 1)).toBeNull();
    expect(new ShelfPacker(100, 30).place(1, 31)).toBeNull();
  });

  it('never places two rectangles that overlap, nor one outside the area', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ w: fc.integer({ min: 1, max: 120 }), h: fc.integer({ min: 1, max: 40 }) }, { noNullPrototype: true }), { maxLength: 60 }), (sizes) => {
        const packer = new ShelfPacker(100, 80);
        const placed: { x: number; y: number; w: number; h: number }[] = [];
        for (const { w, h } of sizes) {
          const spot = packer.place(w, h);
          if (!spot) continue;
          expect(spot.x).toBeGreaterThanOrEqual(0);
          expect(spot.y).toBeGreaterThanOrEqual(0);
          expect(spot.x + w).toBeLessThanOrEqual(100);
          expect(spot.y + h).toBeLessThanOrEqual(80);
          for (const other of placed) {
            const apart = spot.x + w <= other.x || other.x + other.w <= spot.x || spot.y + h <= other.y || other.y + other.h <= spot.y;
            expect(apart).toBe(true);
          }
          placed.push({ ...spot, w, h });
        }
      }),
    );
  });
});
