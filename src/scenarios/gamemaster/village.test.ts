import { describe, expect, it } from 'vitest';
import { createNpcs, createPlaces, gridSide, MAX_NPCS, resolveSettings, spots } from './village.ts';
import { PERIODS } from './types.ts';

/** A village of `npcs` at the start of each part of the day. */
function villages(npcs: number) {
  const settings = resolveSettings({ npcs });
  const side = gridSide(npcs);
  const places = createPlaces(side);
  const base = { npcs: createNpcs(settings), places, settings, grid: { width: side, height: side } };
  return PERIODS.map((_, i) => ({ ...base, turn: i * settings.periodTurns }));
}

describe('where villagers stand (spots)', () => {
  it('puts the first three at a place east, south and west of it', () => {
    const [morning] = villages(24);
    if (!morning) throw new Error('no village');
    const place = morning.places.find((p) => p.id === 'stall');
    const here = spots(morning).filter((s) => s.place === 'stall');
    expect(here.length).toBeGreaterThanOrEqual(3);
    expect(here.slice(0, 3).map((s) => [s.x - (place?.x ?? 0), s.y - (place?.y ?? 0)])).toEqual([[1, 0], [0, 1], [-1, 0]]);
  });

  // At 50 the market stall draws 13 villagers and the inn at evening 21: before, the fourth at
  // any place stood on the cell above it, where its name is written, and crowds shared cells.
  it('hides no villager, place or place name behind another, at every size and part of the day', () => {
    for (let npcs = 1; npcs <= MAX_NPCS; npcs++) {
      for (const village of villages(npcs)) {
        const { width, height } = village.grid;
        const cells = spots(village).map((s) => s.y * width + s.x);
        for (const s of spots(village)) {
          expect(s.x >= 0 && s.x < width && s.y >= 0 && s.y < height).toBe(true);
          for (const p of village.places) {
            expect([s.x, s.y]).not.toEqual([p.x, p.y]);
            // The row above a place, two cells either side: where its name is drawn.
            expect(s.y === p.y - 1 && Math.abs(s.x - p.x) <= 2, `${String(npcs)} NPCs: a villager at ${String(s.x)},${String(s.y)} covers ${p.name}`).toBe(false);
          }
        }
        expect(new Set(cells).size).toBe(cells.length);
      }
    }
  });

  it('keeps villagers beside their own place', () => {
    for (const village of villages(MAX_NPCS)) {
      for (const s of spots(village)) {
        const place = village.places.find((p) => p.id === s.place);
        expect(Math.max(Math.abs(s.x - (place?.x ?? 0)), Math.abs(s.y - (place?.y ?? 0)))).toBeLessThanOrEqual(3);
      }
    }
  });
});
